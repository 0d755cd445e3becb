/**
 * The {@code mfa-watch} command line. Shipped as one class-path jar ({@code mfa-watch.jar}); the
 * descriptor serves builds on the module path.
 */
module dev.mfawatch.cli {
    requires dev.mfawatch.core;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires jul.to.slf4j;
    requires static org.jspecify;

    opens dev.mfawatch.cli to info.picocli;
}
