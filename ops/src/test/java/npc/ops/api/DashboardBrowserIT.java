package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import npc.ops.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium and chromedriver, headless; never a downloaded one) over a
 * running service that holds ports two carriers drove through the gateway: the regulator types the token once, the
 * carriers' rows show their figures, both charts are drawn by ECharts from the WebJar, and a screenshot is saved
 * under {@code target/}. Skipped, with the reason, only where chromium is absent outside CI.
 */
class DashboardBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static ChromeDriver browser;
  private static RunningService service;
  private static PortTraffic traffic;

  @BeforeAll
  static void openBrowser() throws Exception {
    boolean ci = System.getenv("CI") != null;
    if (!ci) {
      Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
          "no browser test: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install -y chromium "
              + "chromium-driver; .ci/run installs them)");
    }
    service = RunningService.get();
    traffic = new PortTraffic(service);
    traffic.drive(3, 2);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1800");
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (traffic != null) {
      traffic.close();
    }
  }

  @Test
  void theRegulatorSeesEachCarriersFiguresAndTheChartsDrawn() throws Exception {
    var script = service.get("/webjars/echarts/5.3.1/dist/echarts.min.js", null);
    assertThat(script.statusCode()).as("the ECharts WebJar, without a token").isEqualTo(200);
    var summary = service.get("/api/v1/dashboard/summary", service.developmentToken(Role.REGULATOR));
    assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
    browser.get(service.base.resolve("/dashboard/index.html").toString());
    assertThat(browser.findElement(By.id("content")).isDisplayed()).as("no figure before a token").isFalse();
    browser.findElement(By.id("token")).sendKeys(service.developmentToken(Role.REGULATOR));
    browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.withMessage(() -> "the page did not load its figures; it says: "
        + browser.findElement(By.id("status")).getText())
        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

    assertThat(((JavascriptExecutor) browser).executeScript("return typeof echarts")).as("the WebJar loaded")
        .isEqualTo("object");
    WebElement cm = browser.findElement(By.cssSelector("#carriers tr[data-carrier=CM]"));
    assertThat(cm.getText()).contains("CM", "UNPAID_CHARGES");
    WebElement cu = browser.findElement(By.cssSelector("#carriers tr[data-carrier=CU]"));
    assertThat(cu.getText()).contains("CU", "NO_CODE");
    for (String chart : List.of("rejections-chart", "answers-chart")) {
      List<WebElement> drawn = browser.findElements(By.cssSelector("#" + chart + " svg path"));
      assertThat(drawn).as(chart + ": shapes ECharts drew").isNotEmpty();
    }
    assertThat(Long.parseLong(browser.findElement(By.id("live-requests")).getText().replace(",", "")))
        .as("requests answered by the gateway").isPositive();
    assertThat(browser.findElement(By.id("live-connected-list")).getText()).contains("CM", "CU");
    assertThat(browser.findElement(By.id("status")).getText()).startsWith("Updated");

    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void aRefusedTokenSaysSoAndShowsNoFigure() {
    browser.get(service.base.resolve("/dashboard/index.html").toString());
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    browser.findElement(By.id("token")).sendKeys("not-a-token");
    browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "refused"));
    assertThat(browser.findElement(By.id("content")).isDisplayed()).isFalse();
  }
}
