package io.codac.ingest.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a request body into memory, but never more than a limit: a client that declares or sends more
 * gets {@code 413} before we buffer it. The raw bytes are kept because idempotency compares their hash.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static Mono<byte[]> read(ServerRequest request, int maxBytes) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            return Mono.error(tooLarge(maxBytes));
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBytes)
                .map(BoundedBody::drain)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(maxBytes));
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE,
                "the request body must be at most " + maxBytes + " bytes");
    }
}
