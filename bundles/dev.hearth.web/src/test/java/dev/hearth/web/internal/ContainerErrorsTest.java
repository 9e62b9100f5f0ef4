package dev.hearth.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpException;
import org.junit.jupiter.api.Test;

class ContainerErrorsTest {

    @Test
    void aFormOverTheLimitIs413() {
        var chunked = new BadMessageException(
                400,
                "Unable to parse form content",
                new CompletionException(new IllegalStateException("form too large > 65536")));
        assertThat(ContainerErrors.clientError(chunked).status()).isEqualTo(413);
        var keys = new BadMessageException(
                400, "Unable to parse form content", new IllegalStateException("form with too many fields > 1000"));
        assertThat(ContainerErrors.clientError(keys).status()).isEqualTo(413);
    }

    @Test
    void otherRequestErrorsOfTheContainerKeepTheirClientStatus() {
        var encoding = new BadMessageException(
                400,
                "Unable to parse form content",
                new CompletionException(new IllegalArgumentException("Not valid encoding '%zz'")));
        assertThat(ContainerErrors.clientError(encoding).status()).isEqualTo(400);
        assertThat(ContainerErrors.clientError(new RuntimeException(new BadMessageException(431)))
                        .status())
                .isEqualTo(431);
    }

    @Test
    void anythingElseIsNotAClientError() {
        assertThat(ContainerErrors.clientError(new IllegalStateException("boom")))
                .isNull();
        assertThat(ContainerErrors.clientError(new NullPointerException())).isNull();
        assertThat(ContainerErrors.clientError(new HttpException.RuntimeException(500)))
                .as("a server error stays one")
                .isNull();
    }
}
