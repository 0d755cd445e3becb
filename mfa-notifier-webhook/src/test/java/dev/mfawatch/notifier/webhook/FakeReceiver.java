package dev.mfawatch.notifier.webhook;

import com.sun.net.httpserver.HttpExchange;
import dev.mfawatch.spi.contract.LoopbackHttpService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A loopback webhook receiver: records every body and its headers, answers with the status it is told. */
final class FakeReceiver extends LoopbackHttpService {

    static final String PATH = "/hooks/T0CANARY/wh-canary-path-42";

    volatile int status = 202;
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, List<String>>> headers = Collections.synchronizedList(new ArrayList<>());

    String url() {
        return baseUri() + PATH;
    }

    @Override
    protected void handle(HttpExchange ex) throws IOException {
        String body = body(ex);
        received.add(body);
        headers.add(Map.copyOf(ex.getRequestHeaders()));
        if (!ex.getRequestURI().getPath().equals(PATH)) {
            send(ex, 404, "text/plain", "no such hook");
            return;
        }
        int answer = status;
        if (answer / 100 == 2) {
            accepted.add(body);
        }
        send(ex, answer, "text/plain", answer / 100 == 2 ? "accepted" : "unavailable");
    }
}
