package dev.keepalivelab.clients;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * One request with a Java client of {@link JvmClients}, built as the matrix builds it, following redirects (the JDK's client with {@code Redirect.NORMAL},
 * as its default is never), reading the whole body: the command {@code check} runs for the cards of OkHttp 5, Apache
 * HttpClient 5 (classic) and the JDK's HttpClient. Usage: {@code java -cp TEST_CLASSPATH dev.keepalivelab.clients.JvmFetch
 * okhttp|apache|jdk|jdk-http1 URL [BODY]}: a GET, or a POST of BODY. Prints the final status and the body's length; exits 1 on a
 * transport error, a body the client reports as truncated or a status of 400 or more, and 2 for a usage error.
 */
public final class JvmFetch {
    /** A client, as the command line names it. */
    enum Client {
        OKHTTP {
            @Override
            Answer fetch(String url, String body) throws Exception {
                OkHttpClient client = JvmClients.okHttpBuilder().build();
                okhttp3.Request request = new okhttp3.Request.Builder().url(url)
                        .method(body == null ? "GET" : "POST", body == null ? null : RequestBody.create(body, MediaType.get("text/plain"))).build();
                try (okhttp3.Response response = client.newCall(request).execute()) {
                    return new Answer(response.code(), response.body().bytes().length);
                } finally {
                    client.dispatcher().executorService().shutdown();
                    client.connectionPool().evictAll();
                }
            }
        },
        APACHE {
            @Override
            Answer fetch(String url, String body) throws Exception {
                HttpUriRequestBase request = body == null ? new HttpGet(url) : new HttpPost(url);
                if (body != null) {
                    request.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
                }
                try (CloseableHttpClient client = JvmClients.apacheClassicClient()) {
                    return client.execute(request, response ->
                            new Answer(response.getCode(), response.getEntity() == null ? 0 : EntityUtils.toByteArray(response.getEntity()).length));
                }
            }
        },
        JDK {
            @Override
            Answer fetch(String url, String body) throws Exception {
                return jdk(HttpClient.Version.HTTP_2, url, body);
            }
        },
        /** The JDK's client held to HTTP/1.1: by default it offers an upgrade to h2c on every http:// request, which the lab takes. */
        JDK_HTTP1 {
            @Override
            Answer fetch(String url, String body) throws Exception {
                return jdk(HttpClient.Version.HTTP_1_1, url, body);
            }
        };

        /** Sends a GET, or a POST of {@code body} where it is not null. */
        abstract Answer fetch(String url, String body) throws Exception;

        static Answer jdk(HttpClient.Version version, String url, String body) throws Exception {
            HttpClient client = JvmClients.jdkBuilder(version).followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
            if (body != null) {
                request.POST(HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body().length);
        }
    }

    record Answer(int status, int bytes) {
    }

    private JvmFetch() {
    }

    public static void main(String[] args) {
        Client client;
        try {
            client = Client.valueOf(args.length == 2 || args.length == 3 ? args[0].toUpperCase(Locale.ROOT).replace('-', '_') : "");
        } catch (IllegalArgumentException e) {
            System.err.println("usage: JvmFetch okhttp|apache|jdk|jdk-http1 URL [BODY]");
            System.exit(2);
            return;
        }
        try {
            Answer answer = client.fetch(args[1], args.length == 3 ? args[2] : null);
            System.out.println("status " + answer.status() + ", " + answer.bytes() + " bytes");
            System.exit(answer.status() >= 400 ? 1 : 0);
        } catch (Exception e) {
            System.err.println(args[0] + " failed: " + e);
            System.exit(1);
        }
    }
}
