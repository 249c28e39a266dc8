package dev.skillpath.support.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a fixed loopback port in front of a real service, which a test can stop
 * (the port refuses connections and every open connection is cut, as when a pod dies) and
 * start again on the same port, so that a caller sees the service go away and come back
 * without the service itself being stopped.
 */
public final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	private int port;

	private TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		start();
	}

	/**
	 * A proxy, already listening on a free loopback port, to {@code targetPort} on
	 * 127.0.0.1.
	 */
	public static TcpProxy to(int targetPort) {
		return new TcpProxy(targetPort);
	}

	public int port() {
		return this.port;
	}

	/** {@code http://127.0.0.1:<port>}: the proxy listens on the IPv4 loopback only. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Listens again on the same port; does nothing while listening. */
	public synchronized void start() {
		if (this.listener != null && !this.listener.isClosed()) {
			return;
		}
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", this.port));
			this.port = socket.getLocalPort();
			this.listener = socket;
			this.threads.execute(() -> accept(socket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Refuses new connections and cuts the open ones. */
	public synchronized void stop() {
		closeQuietly(this.listener);
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket target = new Socket("127.0.0.1", this.targetPort);
				this.open.add(client);
				this.open.add(target);
				this.threads.execute(() -> pump(client, target));
				this.threads.execute(() -> pump(target, client));
			}
			catch (IOException ex) {
				// stopped, or the target refused: the client's connection ends
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		stop();
		this.threads.shutdownNow();
	}

}
