package com.example.lambda;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * One cold start, in a JVM of its own started on the deployment jar: the time from the JVM's start
 * to the handler made (Lambda's init phase) and to the first invocation's end, then a second, warm
 * invocation. Started by {@link ColdStartMeasure}, which serves the fakes; prints one line of numbers.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        MfaWatchHandler handler = new MfaWatchHandler();
        long init = System.currentTimeMillis();
        handler.handleRequest(Map.of(), null);
        long first = System.currentTimeMillis();
        handler.handleRequest(Map.of(), null);
        long warm = System.currentTimeMillis() - first;
        System.out.println("COLDSTART init=" + (init - jvmStart) + " first=" + (first - jvmStart) + " warm=" + warm);
    }
}
