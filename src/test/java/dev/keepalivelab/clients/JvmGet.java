package dev.keepalivelab.clients;

import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One GET with a Java client at its defaults, following redirects (the JDK's client with {@code Redirect.NORMAL}, which
 * is off by default), reading the whole body: the command {@code check} runs for the card of OkHttp 5, Apache
 * HttpClient 5 (classic) or the JDK's HttpClient. Usage: {@code java -cp TEST_CLASSPATH dev.keepalivelab.clients.JvmGet
 * okhttp|apache|jdk URL}. Prints the final status and the body's length; exits 1 on a transport error, a body the
 * client reports as truncated or a status of 400 or more, and 2 for a usage error.
 */
public final class JvmGet {
    /** A client, as the command line names it. */
    enum Client {
        OKHTTP {
            @Override
            Answer get(String url) throws Exception {
                OkHttpClient client = new OkHttpClient();
                try (okhttp3.Response response = client.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
                    return new Answer(response.code(), response.body().bytes().length);
                } finally {
                    client.dispatcher().executorService().shutdown();
                    client.connectionPool().evictAll();
                }
            }
        },
        APACHE {
            @Override
            Answer get(String url) throws Exception {
                try (CloseableHttpClient client = HttpClients.createDefault()) {
                    return client.execute(new HttpGet(url), response ->
                            new Answer(response.getCode(), response.getEntity() == null ? 0 : EntityUtils.toByteArray(response.getEntity()).length));
                }
            }
        },
        JDK {
            @Override
            Answer get(String url) throws Exception {
                HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response.body().length);
            }
        };

        abstract Answer get(String url) throws Exception;
    }

    record Answer(int status, int bytes) {
    }

    private JvmGet() {
    }

    public static void main(String[] args) {
        Client client;
        try {
            client = Client.valueOf(args.length == 2 ? args[0].toUpperCase(java.util.Locale.ROOT) : "");
        } catch (IllegalArgumentException e) {
            System.err.println("usage: JvmGet okhttp|apache|jdk URL");
            System.exit(2);
            return;
        }
        try {
            Answer answer = client.get(args[1]);
            System.out.println("status " + answer.status() + ", " + answer.bytes() + " bytes");
            System.exit(answer.status() >= 400 ? 1 : 0);
        } catch (Exception e) {
            System.err.println(client.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + e);
            System.exit(1);
        }
    }
}
