package dev.skillpath.support.server;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection driven by hand: the test decides which bytes go out when
 * (pipelined requests, a request that stops half way), and reads each response itself.
 * What no HTTP client lets a test do.
 */
final class RawHttpConnection implements Closeable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RawHttpConnection(int port) throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
		this.socket.setTcpNoDelay(true);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	static String get(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
	}

	/** Sends the text in one write (one TCP segment on loopback for a few requests). */
	void send(String text) throws IOException {
		this.out.write(text.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
	}

	/**
	 * The next response on the connection, or {@code null} when none started within
	 * {@code within}.
	 */
	Response read(Duration within) throws IOException {
		this.socket.setSoTimeout((int) within.toMillis());
		try {
			String statusLine = line();
			if (statusLine == null) {
				throw new IOException("connection closed before a response");
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header = line(); header != null && !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			return new Response(status, headers, body(headers));
		}
		catch (SocketTimeoutException noAnswer) {
			return null;
		}
	}

	/**
	 * Whether the server closed the connection within {@code within} (reading nothing
	 * more).
	 */
	boolean closedByServerWithin(Duration within) throws IOException {
		this.socket.setSoTimeout((int) within.toMillis());
		try {
			while (true) {
				if (this.in.read() == -1) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
		catch (IOException reset) {
			return true;
		}
	}

	private String body(Map<String, String> headers) throws IOException {
		if (headers.containsKey("content-length")) {
			return new String(this.in.readNBytes(Integer.parseInt(headers.get("content-length"))),
					StandardCharsets.UTF_8);
		}
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer
				.parseInt(line().split(";")[0].trim(), 16)) {
				body.write(this.in.readNBytes(size));
				line();
			}
			line();
			return body.toString(StandardCharsets.UTF_8);
		}
		return "";
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != -1) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.US_ASCII);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Response(int status, Map<String, String> headers, String body) {
	}

}
