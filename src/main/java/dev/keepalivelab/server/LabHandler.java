package dev.keepalivelab.server;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.lab.record.ConnectionsJson;
import dev.keepalivelab.lab.LabRequest;
import dev.keepalivelab.lab.LabResponse;
import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.lab.RequestBody;
import dev.keepalivelab.lab.ResponseBody;
import dev.keepalivelab.server.socket.SocketFaults;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.server.socket.WatchedEndPoint;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Serves the lab ({@link KeepAliveLab}) through Jetty's core API, for the embedded main's {@code --engine core}.
 * Answering never blocks (the lab's bodies are in memory and written asynchronously), so Jetty runs this handler
 * on the thread that parsed the request instead of handing every request to another thread; only
 * {@code /connections}, whose rendering grows with the history, goes to the thread pool.
 */
final class LabHandler extends Handler.Abstract.NonBlocking {
    private static final byte[] NO_BODY = new byte[0];
    private final KeepAliveLab lab;

    LabHandler(KeepAliveLab lab) {
        this.lab = lab;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        long bodyLimit = RequestBody.readLimit(request.getMethod(), path,
                request.getConnectionMetaData().getProtocol(), request.getHeaders()::get);
        if (bodyLimit != RequestBody.NONE) {
            ByteArrayOutputStream kept = RequestBody.keepsBytes(request.getMethod(), path) ? new ByteArrayOutputStream() : null;
            // A body that fails before its end (the client closed or reset, a timeout) is still a request the lab records.
            BodyCounter.count(request, bodyLimit, kept, bytes -> route(request, response, callback, path,
                            new CoreLabRequest(request, bytes, bytes >= 0 && kept != null ? kept.toByteArray() : NO_BODY)),
                    failure -> answer(request, response, callback, new CoreLabRequest(request, LabRequest.INCOMPLETE, NO_BODY)));
            return true;
        }
        route(request, response, callback, path, new CoreLabRequest(request, LabRequest.NOT_READ, NO_BODY));
        return true;
    }

    private void route(Request request, Response response, Callback callback, String path, CoreLabRequest labRequest) {
        if (path.equals(ConnectionsJson.PATH)) {
            // Rendering up to historySize records is the one answer too slow for the thread that serves every connection.
            request.getComponents().getThreadPool().execute(() -> {
                try {
                    answer(request, response, callback, labRequest);
                } catch (Throwable failure) {
                    callback.failed(failure);
                }
            });
        } else {
            answer(request, response, callback, labRequest);
        }
    }

    private void answer(Request request, Response response, Callback callback, CoreLabRequest labRequest) {
        LabResponse answer = lab.answer(labRequest);
        LabRequestAttributes.describe(answer, request::setAttribute);
        SocketFaults.of(request).announceEnd(answer.exchange());
        if (!answer.faultEffects().responds()) {
            CoreFaults.respond(request, response, answer, null, callback);
            return;
        }
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        for (LabResponse.Header header : answer.headers()) {
            headers.put(header.name(), header.value());
        }
        if (answer.contentType() != null) {
            headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        }
        headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length());
        if (HttpMethod.HEAD.is(request.getMethod())) {
            CoreFaults.respond(request, response, answer, null, callback);
        } else if (answer.body() instanceof ResponseBody.Bytes bytes) {
            CoreFaults.respond(request, response, answer, ByteBuffer.wrap(bytes.bytes()).asReadOnlyBuffer(), callback);
        } else {
            // A spliced body goes into a pooled buffer, given back once the response is done with it: no array of its own.
            RetainableByteBuffer pooled = request.getComponents().getByteBufferPool().acquire(answer.body().length(), true);
            ByteBuffer body = pooled.getByteBuffer();
            int position = BufferUtil.flipToFill(body);
            answer.body().copy(0, answer.body().length(), body);
            BufferUtil.flipToFlush(body, position);
            CoreFaults.respond(request, response, answer, body, Callback.from(callback, pooled::release));
        }
    }

    private static final class CoreLabRequest implements LabRequest {
        private final Request request;
        private final long bodyBytes;
        private final byte[] body;

        CoreLabRequest(Request request, long bodyBytes, byte[] body) {
            this.request = request;
            this.bodyBytes = bodyBytes;
            this.body = body;
        }

        @Override
        public long bodyBytes() {
            return bodyBytes;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String contextPath() {
            return "";
        }

        @Override
        public String path() {
            return request.getHttpURI().getPath();
        }

        @Override
        public String protocol() {
            return request.getConnectionMetaData().getProtocol();
        }

        @Override
        public String header(String name) {
            List<String> values = request.getHeaders().getValuesList(name);
            return values.isEmpty() ? null : String.join(",", values);
        }

        /** HTTP/2 keeps {@code :authority} in the URI, not among the headers. */
        @Override
        public String authority() {
            String host = header("Host");
            return host != null || !protocol().startsWith("HTTP/2") ? host : request.getHttpURI().getAuthority();
        }

        @Override
        public String rawQuery() {
            return request.getHttpURI().getQuery();
        }

        /** The lab's connection that the socket carries since it was accepted, shared by the streams of an HTTP/2 connection. */
        @Override
        public LabConnection connection() {
            return WatchedEndPoint.of(request).labConnection();
        }

        @Override
        public String remoteAddress() {
            return Request.getRemoteAddr(request);
        }

        @Override
        public int remotePort() {
            return Request.getRemotePort(request);
        }

        @Override
        public boolean secure() {
            return request.isSecure();
        }

        /** Jetty's request id is the stream id on HTTP/2. */
        @Override
        public long streamId() {
            return Long.parseLong(request.getId());
        }
    }
}
