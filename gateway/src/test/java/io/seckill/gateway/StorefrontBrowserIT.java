package io.seckill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The storefront in Debian's headless Chromium, served by the real gateway in front of the real
 * services, at a phone's width: log in, buy, watch the order settle, pay; and a sale selling out.
 * Screenshots go to gateway/target/screenshots/.
 */
class StorefrontBrowserIT extends GatewayStack {

    private static final Path CHROMIUM = Path.of(System.getProperty("seckill.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("seckill.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration SETTLEMENT = Duration.ofSeconds(90);

    private ChromeDriver browser;
    private String testName;

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The storefront's browser test needs Chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": `sudo apt-get install chromium chromium-driver`"
                    + " (./seckill test installs them when run as root).");
        }
        testName = test.getTestMethod().orElseThrow().getName();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps dialling Google's hosts, which this
        // closed network refuses; a fresh profile per test keeps sessionStorage from leaking between them.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // A phone's viewport (headless windows are at least 500 px wide, so emulate the device instead).
        options.setExperimentalOption("mobileEmulation",
                java.util.Map.of("deviceMetrics", java.util.Map.of("width", 412, "height", 915, "pixelRatio", 1.0)));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            screenshot("last");
            browser.quit();
        }
    }

    @Test
    void aShopperLogsInBuysSeesTheOrderSettleAndPays() {
        ApiClient gateway = client();
        String title = "Browser sale " + System.nanoTime();
        String saleId = OperatorCalls.openSaleNow(gateway, title, 5, 1);
        browser.get(gateway.baseUrl() + "/");
        WebElement sale = saleCard(saleId);
        assertThat(sale.findElement(By.cssSelector(".phase")).getText()).isEqualTo("LIVE");
        assertThat(sale.findElement(By.cssSelector(".buy")).isEnabled()).as("must log in first").isFalse();
        screenshot("1-storefront");

        logIn("shopper-" + ThreadLocalRandom.current().nextInt(1, 50_000));
        waitUntil(() -> saleCard(saleId).findElement(By.cssSelector(".buy")).isEnabled());
        saleCard(saleId).findElement(By.cssSelector(".buy")).click();

        String orderId = new WebDriverWait(browser, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector("#orders .order")).getAttribute("data-order-id"));
        waitUntil(SETTLEMENT, () -> "CREATED".equals(orderStatus(orderId)));
        assertThat(browser.findElement(By.cssSelector("#orders .order .what")).getText()).isEqualTo(title);
        screenshot("2-order-created");

        orderCard(orderId).findElement(By.cssSelector(".pay")).click();
        waitUntil(() -> "PAID".equals(orderStatus(orderId)));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("3-paid");

        // Per-user limit 1: a second buy is refused and the shopper reads why.
        saleCard(saleId).findElement(By.cssSelector(".buy")).click();
        waitUntil(() -> saleMessage(saleId).contains("as many as this sale allows"));
        screenshot("4-limit-reached");
    }

    @Test
    void whenTheLastUnitIsSoldTheSaleShowsSoldOutAndNobodyCanBuy() {
        ApiClient gateway = client();
        String saleId = OperatorCalls.openSaleNow(gateway, "Last unit " + System.nanoTime(), 1, 1);
        int first = ThreadLocalRandom.current().nextInt(1, 49_999);
        browser.get(gateway.baseUrl() + "/");
        logIn("shopper-" + first);
        waitUntil(() -> saleCard(saleId).findElement(By.cssSelector(".buy")).isEnabled());
        saleCard(saleId).findElement(By.cssSelector(".buy")).click();
        waitFor(By.cssSelector("#orders .order"));

        browser.findElement(By.id("logout")).click();
        logIn("shopper-" + (first + 1));
        waitUntil(() -> "SOLD OUT".equals(saleCard(saleId).findElement(By.cssSelector(".phase")).getText()));
        assertThat(saleCard(saleId).findElement(By.cssSelector(".stock")).getText()).isEqualTo("0 of 1 left");
        assertThat(saleCard(saleId).findElement(By.cssSelector(".buy")).isEnabled()).isFalse();
        screenshot("5-sold-out");
    }

    private void logIn(String username) {
        WebElement user = waitFor(By.id("username"));
        user.clear();
        user.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(DemoAccounts.SHOPPER_PASSWORD);
        browser.findElement(By.id("login-button")).click();
        waitUntil(() -> username.equals(browser.findElement(By.id("who")).getText()));
    }

    private WebElement saleCard(String saleId) {
        return waitFor(By.cssSelector("#sales [data-sale-id='" + saleId + "']"));
    }

    private String saleMessage(String saleId) {
        return saleCard(saleId).findElement(By.cssSelector(".message")).getText();
    }

    private WebElement orderCard(String orderId) {
        return waitFor(By.cssSelector("#orders [data-order-id='" + orderId + "']"));
    }

    private String orderStatus(String orderId) {
        return orderCard(orderId).findElement(By.cssSelector(".status")).getText();
    }

    private WebElement waitFor(By selector) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(selector));
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        waitUntil(Duration.ofSeconds(15), condition);
    }

    private void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
        // Cards are re-rendered while we look: a stale element just means "look again".
        new WebDriverWait(browser, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private void screenshot(String step) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(testName + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + step + " failed: " + e);
        }
    }
}
