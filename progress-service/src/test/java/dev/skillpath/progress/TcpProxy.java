package dev.skillpath.progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of content-service, so a test can make it unreachable (connections
 * refused, open ones cut) and bring it back, without stopping the real service.
 */
final class TcpProxy {

	private final int targetPort;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
	}

	static TcpProxy to(int targetPort) {
		try {
			return new TcpProxy(targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	/** Refuses new connections and cuts the open ones. */
	synchronized void cut() {
		try {
			this.server.close();
		}
		catch (IOException ignored) {
		}
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/** Accepts connections again on the same port. */
	synchronized void restore() {
		if (!this.server.isClosed()) {
			return;
		}
		try {
			ServerSocket reopened = new ServerSocket();
			reopened.setReuseAddress(true);
			reopened.bind(new InetSocketAddress(this.port));
			this.server = reopened;
			accept(reopened);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(ServerSocket listening) {
		Thread acceptor = new Thread(() -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					Socket upstream = new Socket("localhost", this.targetPort);
					this.open.add(client);
					this.open.add(upstream);
					pipe(client, upstream);
					pipe(upstream, client);
				}
				catch (IOException ex) {
					// closed by cut(), or the upstream refused: the client sees its connection end
				}
			}
		}, "content-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void pipe(Socket from, Socket to) {
		Thread copier = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ignored) {
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "content-proxy-pipe");
		copier.setDaemon(true);
		copier.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
		}
	}

}
