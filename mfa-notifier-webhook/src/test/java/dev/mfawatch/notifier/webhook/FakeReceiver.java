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
    /** Statuses to answer first, in order, before {@link #status}. */
    final java.util.Deque<Integer> script = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** When above zero: answer 200 at once, then send the body one byte per this many milliseconds. */
    volatile long dripMillis;
    /** When above zero: answer 200 with a body of this many bytes. */
    volatile long hugeAnswer;
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
        if (dripMillis > 0) {
            ex.sendResponseHeaders(200, 1000);
            try {
                for (int i = 0; i < 1000; i++) {
                    ex.getResponseBody().write('.');
                    ex.getResponseBody().flush();
                    Thread.sleep(dripMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client gave up: that is the point.
            }
            return;
        }
        if (hugeAnswer > 0) {
            accepted.add(body);
            ex.sendResponseHeaders(200, 0);
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            try {
                for (long sent = 0; sent < hugeAnswer; sent += block.length) {
                    ex.getResponseBody().write(block);
                }
            } catch (IOException e) {
                // The client stopped reading at its cap.
            }
            return;
        }
        Integer scripted = script.poll();
        int answer = scripted != null ? scripted : status;
        if (answer / 100 == 2) {
            accepted.add(body);
        }
        send(ex, answer, "text/plain", answer / 100 == 2 ? "accepted" : "unavailable");
    }
}
