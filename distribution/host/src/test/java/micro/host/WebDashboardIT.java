package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import micro.host.Processes.Collector;
import micro.host.Processes.Result;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real browser (Debian's Chromium, headless, driven by Selenium through
 * Debian's chromedriver) against two micro.jar hosts on a real etcd: one browser and one set of hosts
 * for the class, the host kill last. Screenshots of each page go to micro.web/target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebDashboardIT {

    private static final Path ROOT = Path.of(System.getProperty("micro.root", "../.."));
    private static final Path SCREENSHOTS = ROOT.resolve("micro.web/target/screenshots");

    private static EtcdServer etcd;
    private static Process hostA;
    private static Process hostB;
    private static String web;
    private static String cli;
    private static HttpServer webApp;
    private static EchoSocketApp echoApp;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        cli = "127.0.0.1:" + Processes.freePort();
        String webAddress = "127.0.0.1:" + Processes.freePort();
        web = "http://" + webAddress;
        hostA = startHost("--cli_address", cli, "--web_address", webAddress, "--enable_stats");
        hostB = startHost("--cli_address", "127.0.0.1:" + Processes.freePort());

        webApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webApp.createContext("/", exchange -> {
            byte[] page = ("<html><body><p id=\"app\">hello app at " + exchange.getRequestURI().getPath() + " base "
                    + exchange.getRequestHeaders().getFirst("X-Micro-Web-Base-Path") + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        webApp.start();
        register("{\"name\":\"micro.web.hello\",\"nodes\":[{\"id\":\"hello-1\",\"address\":\"127.0.0.1:"
                + webApp.getAddress().getPort() + "\"}]}");
        echoApp = EchoSocketApp.start();
        register("{\"name\":\"micro.web.echo\",\"nodes\":[{\"id\":\"echo-1\",\"address\":\"127.0.0.1:" + echoApp.port() + "\"}]}");

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    private static Process startHost(String... flags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("server", "--registry", "etcd", "--registry_address", etcd.endpoint(),
                "--api_address", "127.0.0.1:" + Processes.freePort(), "--register_ttl", "5", "--register_interval", "2"));
        args.addAll(List.of(flags));
        Process host = new ProcessBuilder(Processes.java(args.toArray(String[]::new))).redirectErrorStream(true).start();
        Collector out = Collector.of(host.getInputStream());
        Processes.await("a host to start", Duration.ofSeconds(60),
                () -> out.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(host.isAlive(), "the host died:\n" + out.text());
        return host;
    }

    private static void register(String json) throws Exception {
        Result registered = Processes.run("register", "service", json, "--cli_address", cli);
        assertEquals(0, registered.exit(), registered.err());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (webApp != null) {
            webApp.stop(0);
        }
        if (echoApp != null) {
            echoApp.close();
        }
        for (Process host : new Process[] { hostA, hostB }) {
            if (host != null) {
                host.destroyForcibly().waitFor();
            }
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    @Test
    @Order(1)
    void theRegistryPageListsTheGreeterAndItsPageShowsEndpointsAndNodes() throws Exception {
        browser.get(web + "/registry");
        awaitText(By.id("services"), "micro.srv.greeter");
        screenshot("registry");
        browser.findElement(By.linkText("micro.srv.greeter")).click();
        awaitText(By.id("service-name"), "micro.srv.greeter");
        awaitText(By.tagName("main"), "Say.Hello");
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("name"), "the request's name field");
        wait.until(driver -> driver.findElements(By.cssSelector("#nodes tr.node")).size() == 2);
        awaitText(By.cssSelector("#nodes tr.node .health"), "ok");
        screenshot("service");
    }

    @Test
    @Order(2)
    void theQueryFormCallsAnEndpointFromItsSchema() throws Exception {
        browser.get(web + "/query?service=micro.srv.greeter&endpoint=Say.Hello");
        wait.until(driver -> new Select(driver.findElement(By.id("query-endpoint"))).getFirstSelectedOption().getText()
                .equals("Say.Hello"));
        WebElement request = visible(By.id("query-request"));
        assertTrue(request.getAttribute("value").contains("\"name\""), "a template from the schema: " + request.getAttribute("value"));
        request.clear();
        request.sendKeys("{\"name\":\"John\"}");
        browser.findElement(By.id("query-run")).click();
        awaitText(By.id("query-reply"), "Hello John");
        assertTrue(browser.findElement(By.id("query-latency")).getText().endsWith("ms"));
        screenshot("query");

        browser.get(web + "/query?service=micro.srv.greeter");
        new Select(visible(By.id("query-endpoint"))).selectByVisibleText("other…");
        visible(By.id("query-other")).sendKeys("Say.Nothing");
        browser.findElement(By.id("query-run")).click();
        awaitText(By.id("query-reply"), "404");
    }

    @Test
    @Order(3)
    void theCliPageRunsTheShellsCommandsStreamAndPublishToo() throws Exception {
        browser.get(web + "/cli");
        WebElement input = visible(By.id("cli-input"));
        input.sendKeys("list services", Keys.ENTER);
        awaitText(By.id("cli-output"), "micro.srv.greeter");
        input.sendKeys("stream micro.srv.greeter Say.Stream {\"name\": \"Web\", \"count\": 2}", Keys.ENTER);
        awaitText(By.id("cli-output"), "Hello Web 2");
        input.sendKeys("publish micro.topic.greeted {\"name\": \"Web\"}", Keys.ENTER);
        awaitText(By.id("cli-output"), "published on micro.topic.greeted");
        input.sendKeys("help", Keys.ENTER);
        awaitText(By.id("cli-output"), "routes PATH");
        input.sendKeys("list", Keys.ENTER);
        awaitText(By.id("cli-output"), "error 400: list what?");
        input.sendKeys("frobnicate", Keys.ENTER);
        awaitText(By.id("cli-output"), "frobnicate: command not found");
        screenshot("cli");
    }

    @Test
    @Order(7)
    void pagesAreReadableAtAPhoneWidth() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : List.of("/registry", "/registry?service=micro.srv.greeter", "/query", "/cli", "/stats")) {
                browser.get(web + page);
                visible(By.tagName("h1"));
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertEquals(0L, ((Number) overflow).longValue(), page + " scrolls sideways at 390 px");
            }
            browser.get(web + "/registry?service=micro.srv.greeter");
            awaitText(By.tagName("main"), "Say.Hello");
            screenshot("service-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    @Test
    @Order(8)
    void aKilledHostLeavesTheOpenPageWithoutAReload() throws Exception {
        browser.get(web + "/registry?service=micro.srv.greeter");
        wait.until(driver -> driver.findElements(By.cssSelector("#nodes tr.node")).size() == 2);
        ((JavascriptExecutor) browser).executeScript("window.__samePage = true");
        hostB.destroyForcibly().waitFor(); // kill -9: its lease expires after the TTL (5 s)
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "the page: live=" + ((JavascriptExecutor) browser)
                .executeScript("return document.getElementById('live').className") + ", rows "
                + browser.findElements(By.cssSelector("#nodes tr.node")).size() + ", the registry: "
                + Processes.runQuietly("get", "service", "micro.srv.greeter", "--cli_address", cli))
                .until(driver -> driver.findElements(By.cssSelector("#nodes tr.node")).size() == 1);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.__samePage"), "no reload");
    }

    @Test
    @Order(4)
    void theStatsPageCountsA404As4xx() throws Exception {
        browser.get(web + "/nosuchapp/");
        browser.get(web + "/stats");
        wait.until(driver -> !driver.findElements(By.id("stats-4xx")).isEmpty()
                && Integer.parseInt(driver.findElement(By.id("stats-4xx")).getText()) >= 1);
        screenshot("stats");
    }

    @Test
    @Order(5)
    void whatTheRegistryHoldsIsShownAsTextAndNeverRuns() throws Exception {
        register("{\"name\":\"x<img src=x onerror=window.__xss=1>\",\"metadata\":{\"k\":\"<script>window.__xss=2</script>\"},"
                + "\"endpoints\":[{\"name\":\"<img src=y onerror=window.__xss=3>\"}],\"nodes\":[{\"id\":\"<b onmouseover=x>\","
                + "\"address\":\"127.0.0.1:1\",\"metadata\":{\"m\":\"<svg onload=window.__xss=4>\"}}]}");
        browser.get(web + "/registry?q=img");
        awaitText(By.id("services"), "x<img src=x onerror=window.__xss=1>");
        browser.findElement(By.cssSelector(".service-link")).click();
        awaitText(By.id("service-name"), "x<img src=x onerror=window.__xss=1>");
        awaitText(By.tagName("main"), "<img src=y onerror=window.__xss=3>");
        awaitText(By.id("nodes"), "<svg onload=window.__xss=4>");
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.__xss"), "nothing from the registry ran");
        assertTrue(browser.findElements(By.cssSelector("main img, main script, main svg:not(.chart)")).isEmpty(), "no tag was made");
    }

    @Test
    @Order(6)
    void aWebAppOfTheNamespaceIsListedAndReachedThroughTheProxy() throws Exception {
        browser.get(web + "/");
        awaitText(By.id("webapps"), "hello");
        screenshot("index");
        browser.findElement(By.linkText("hello")).click();
        awaitText(By.id("app"), "hello app at / base /hello");
        browser.get(web + "/hello/deep/path");
        awaitText(By.id("app"), "hello app at /deep/path base /hello");
    }

    @Test
    @Order(9)
    void aWebAppsWebSocketIsBridgedThroughTheProxyFromThePage() throws Exception {
        browser.get(web + "/");
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const socket = new WebSocket("ws://" + location.host + "/echo/socket");
                socket.onopen = () => socket.send("ping from the page");
                socket.onmessage = (event) => { done(event.data); socket.close(); };
                socket.onerror = () => done("error");
                """);
        assertEquals("echo ping from the page (path /socket, base /echo)", answer);
    }
}
