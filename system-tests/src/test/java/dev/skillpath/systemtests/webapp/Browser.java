package dev.skillpath.systemtests.webapp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly
 * so that Selenium never tries to download a browser or a driver (Selenium Manager).
 * Missing binaries fail the test with the command that installs them: browser tests are
 * part of the suite.
 */
final class Browser implements AutoCloseable {

	static final String CHROMIUM = System.getProperty("skillpath.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("skillpath.chromedriver", "/usr/bin/chromedriver");

	/** Where every screenshot goes. */
	static final Path SCREENSHOTS = Path.of("target/webapp-screenshots");

	/**
	 * With -Dskillpath.webapp.readme-images=$PWD/docs/images, the README's screenshots
	 * are refreshed too.
	 */
	static final String README_IMAGES = System.getProperty("skillpath.webapp.readme-images");

	final ChromeDriver driver;

	private final String baseUrl;

	private final Path profile;

	private Browser(String baseUrl, ChromeDriver driver, Path profile) {
		this.baseUrl = baseUrl;
		this.driver = driver;
		this.profile = profile;
	}

	/** A fresh browser (its own profile directory) with a window of the given size. */
	static Browser start(String baseUrl, int width, int height) {
		for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(Path.of(binary))) {
				throw new AssertionError("The web app's browser tests need " + binary + ": install Debian's chromium "
						+ "and chromium-driver (apt-get install -y chromium chromium-driver), or point "
						+ "-Dskillpath.chromium and -Dskillpath.chromedriver at a Chromium and its matching chromedriver");
			}
		}
		Path profile;
		try {
			profile = Files.createTempDirectory("skillpath-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
				"--lang=en-US");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return new Browser(baseUrl, driver, profile);
	}

	/**
	 * Loads a page of the app afresh (never a same-document hash change) and waits until
	 * it has loaded the roadmap; the tab's session storage, and so the sign-in, stays.
	 */
	Browser open(String path) {
		this.driver.get("about:blank");
		this.driver.get(this.baseUrl + path);
		waitFor((d) -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
		return this;
	}

	<T> T waitFor(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(30))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition);
	}

	/** Waits for an element that is displayed, and returns it. */
	WebElement visible(String css) {
		return waitFor((d) -> d.findElements(By.cssSelector(css))
			.stream()
			.filter(WebElement::isDisplayed)
			.findFirst()
			.orElse(null));
	}

	/**
	 * Waits until the element's text contains the given text, and returns the whole text.
	 */
	String waitForText(String css, String expected) {
		return waitFor((d) -> d.findElements(By.cssSelector(css))
			.stream()
			.map(WebElement::getText)
			.filter((text) -> text.contains(expected))
			.findFirst()
			.orElse(null));
	}

	/**
	 * Waits until a displayed element's attribute has the expected value, reading it
	 * afresh each time (the app re-renders its panels, so an element found once can go
	 * stale), and returns it.
	 */
	String waitForAttribute(String css, String name, String expected) {
		return waitFor((d) -> d.findElements(By.cssSelector(css))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((element) -> element.getDomAttribute(name))
			.filter(expected::equals)
			.findFirst()
			.orElse(null));
	}

	String text(String css) {
		return visible(css).getText();
	}

	List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	WebElement skill(String id) {
		return visible("g.skill[data-skill-id='" + id + "']");
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/** Saves a PNG of the window in target/webapp-screenshots. */
	void screenshot(String name) {
		save(SCREENSHOTS, name, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * A screenshot the README shows: also written to the README's images when asked to.
	 */
	void readmeScreenshot(String name) {
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		save(SCREENSHOTS, name, png);
		if (README_IMAGES != null && !README_IMAGES.isBlank()) {
			save(Path.of(README_IMAGES), name, png);
		}
	}

	private static void save(Path directory, String name, byte[] png) {
		try {
			Files.createDirectories(directory);
			Files.write(directory.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The bodies of the page's POSTs to /graphql since the last call, in order (from
	 * Chrome's network log).
	 */
	List<Map<String, Object>> graphqlRequests() {
		JsonMapper json = JsonMapper.builder().build();
		return this.driver.manage()
			.logs()
			.get(LogType.PERFORMANCE)
			.getAll()
			.stream()
			.map((entry) -> json.readTree(entry.getMessage()).path("message"))
			.filter((message) -> "Network.requestWillBeSent".equals(message.path("method").asString()))
			.map((message) -> message.path("params").path("request"))
			.filter((request) -> request.path("url").asString().endsWith("/graphql")
					&& "POST".equals(request.path("method").asString()))
			.map((request) -> json.readValue(request.path("postData").asString(),
					new TypeReference<Map<String, Object>>() {
					}))
			.toList();
	}

	/** Uncaught script errors the page logged since the last call. */
	List<String> scriptErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Uncaught") || message.contains("TypeError")
					|| message.contains("SyntaxError"))
			.toList();
	}

	@Override
	public void close() {
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

}
