package dev.hearth.common.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Connects to an address that was checked beforehand (see {@link PublicAddresses}), never to a
 * name resolved again. For TLS the certificate is still verified against the host name of the
 * URL, and that name is sent as SNI unless it is an IP literal.
 */
public final class CheckedSockets {
    private CheckedSockets() {}

    /**
     * A connected socket, with TLS over it when {@code secure}; on any failure nothing is left
     * open.
     *
     * @param host the URL's host, as {@link java.net.URI#getHost()} gives it
     */
    public static Socket open(InetSocketAddress address, String host, boolean secure, int connectMillis, int readMillis)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(address, connectMillis);
            plain.setSoTimeout(readMillis);
            return secure ? tls(plain, host, address.getPort(), readMillis) : plain;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static Socket tls(Socket plain, String host, int port, int readMillis) throws IOException {
        SSLSocket tls =
                (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(params);
        tls.setSoTimeout(readMillis);
        tls.startHandshake();
        return tls;
    }
}
