using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PuppeteerSharp;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// The status page in a real browser (the system's headless Chromium) against the self-host as a real process with an
/// API key, on the stack's Azurite and emulator: the key typed in opens the data, a running batch's counts change
/// without a reload, its items page and filter by outcome, a failed item shows its error code, and text from the API
/// is shown as text, never run.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ProvisioningStackCollection.Name)]
public sealed class StatusPageTests(ProvisioningStack stack) : IAsyncLifetime
{
    /// <summary>Set to a file path, the test also writes its screenshot there (how docs/images/status-page.png is made).</summary>
    public const string ScreenshotVariable = "VPCEP_STATUS_SCREENSHOT";

    /// <summary>A service of this test whose endpoints take 20 s to connect, so the batch is seen running.</summary>
    private const string SlowService = "5b0c1d2e-3f40-4a51-8b62-7c8d9e0fa1b2";

    private const string Key = "status-page-key-51c2a";

    /// <summary>Text that would run if the page wrote API data as HTML (a printable batch id is allowed up to 128 characters).</summary>
    private const string ScriptLikeBatchId = "xss-<img src=x onerror=window.__xss=1>";

    private static readonly WaitForFunctionOptions Patience = new() { Timeout = 120_000, PollingInterval = 200 };

    private SelfHostProcess? host;
    private HttpClient? api;

    public async Task InitializeAsync()
    {
        var slow = new JsonObject
        {
            ["services"] = new JsonArray(new JsonObject
            {
                ["id"] = SlowService,
                ["service_name"] = "com.example.cn-north-4.slow",
                ["service_type"] = "interface",
                ["owner"] = "example",
                ["creation_delay_ms"] = 20_000,
            }),
        };
        using HttpResponseMessage added = await stack.EmulatorAdmin.PostAsJsonAsync("/_emulator/fixtures", slow);
        added.EnsureSuccessStatusCode();

        host = await SelfHostProcess.StartAsync(
        [
            $"--DurableTask:ConnectionString={stack.StorageConnectionString}",
            "--DurableTask:TaskHubName=status" + Guid.NewGuid().ToString("N")[..10],
            "--DurableTask:MaxQueuePollingInterval=00:00:00.500",
            $"--HuaweiCloud:BaseUrl={stack.EmulatorUrl}",
            $"--HuaweiCloud:AccessKey={ProvisioningStack.AccessKey}",
            $"--HuaweiCloud:SecretKey={ProvisioningStack.SecretKey}",
            "--HuaweiCloud:RequestTimeout=00:00:05",
            "--Provisioning:InitialPollDelay=00:00:01",
            "--Provisioning:PollInterval=00:00:01",
            "--Provisioning:FirstRetryInterval=00:00:00.500",
            "--ProvisioningQueue:Enabled=false",
            "--Notifications:AllowHttp=true",
            $"--Notifications:AllowedHosts:0=127.0.0.1:{stack.EmulatorUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            $"--SelfHost:ApiKeys:0={Key}",
        ]);
        api = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("x-functions-key", Key);
    }

    public async Task DisposeAsync()
    {
        api?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private async Task SubmitAsync(string batchId, IEnumerable<string> services)
    {
        JsonObject batch = ListingTests.Batch(batchId, services);
        string callback = stack.NewCallbackUrl(out _);
        foreach (JsonNode? request in batch["requests"]!.AsArray())
        {
            request!["callback_url"] = callback;

            // Tag values may not hold the script-like batch id's characters (the intake's tag value rule, docs/validation-rules.md).
            request["endpoint"]!["tags"]![0]!["value"] = "page-" + Guid.NewGuid().ToString("N")[..12];
        }

        using HttpResponseMessage response = await api!.PostAsJsonAsync("/api/batches", batch);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until <paramref name="script"/> (a function of <paramref name="args"/>) is truthy in the page.</summary>
    private static async Task WaitForAsync(IPage page, string what, string script, params object[] args)
    {
        try
        {
            await page.WaitForFunctionAsync(script, Patience, args);
        }
        catch (WaitTaskTimeoutException)
        {
            string text = await page.EvaluateExpressionAsync<string>("document.body.innerText");
            Assert.Fail($"The page did not show {what} within {Patience.Timeout / 1000} s. It shows:\n{text}");
        }
    }

    /// <summary>A function of a batch id and a cell class: the text of that cell of the batch's row, or null while there is none.</summary>
    private const string BatchCell =
        "(id, cell) => { const row = [...document.querySelectorAll('#batches tbody tr')].find(r => r.dataset.batchId === id); return row ? row.querySelector('.' + cell).textContent : null; }";

    [Fact]
    public async Task The_page_is_served_without_a_key_with_a_policy_that_allows_no_inline_script_and_the_data_still_needs_the_key()
    {
        using var anonymous = new HttpClient { BaseAddress = host!.Url };

        using HttpResponseMessage page = await anonymous.GetAsync("/status");
        using HttpResponseMessage script = await anonymous.GetAsync("/status/status.js");
        using HttpResponseMessage data = await anonymous.GetAsync("/api/batches");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("text/javascript", HttpStatusCode.OK), (script.Content.Headers.ContentType?.MediaType, script.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_a_running_batch_live_pages_and_filters_its_items_shows_error_codes_and_runs_no_text_from_the_api()
    {
        string executable = Chromium.Executable();
        string batchId = "page-" + Guid.NewGuid().ToString("N")[..8];
        string[] services =
        [
            ListingTests.AcceptingService, SlowService, ListingTests.FailingService, ListingTests.ApprovalService,
            SlowService, ListingTests.AcceptingService, ListingTests.FailingService, ListingTests.MissingService,
            ListingTests.ApprovalService, SlowService, ListingTests.FailingService, ListingTests.AcceptingService,
        ];
        var browserErrors = new List<string>();

        await using IBrowser browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = executable,
            Timeout = 120_000,

            // Root in a container: Chromium's sandbox needs user namespaces; the page is our own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using IPage page = await browser.NewPageAsync();
        page.DefaultTimeout = 120_000;
        page.PageError += (_, e) => browserErrors.Add(e.Message);
        page.Console += (_, e) =>
        {
            // Expected: the 401s before the key is given, and the browser's own look for /favicon.ico (the page has none).
            string where = e.Message.Location?.URL ?? "";
            if (e.Message.Type == ConsoleType.Error && !e.Message.Text.Contains("401", StringComparison.Ordinal) && !where.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                browserErrors.Add($"{e.Message.Text} ({where})");
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1100 });
        await page.GoToAsync(new Uri(host!.Url, "/status").ToString());

        // Without the key the data routes answer 401, and the page says so.
        await WaitForAsync(page, "that it needs a key", "() => !document.getElementById('message').hidden && document.getElementById('message').textContent.includes('API key')");
        await page.TypeAsync("#key", Key);
        await page.ClickAsync("#key-form button[type=submit]");
        await WaitForAsync(page, "data read with the key", "() => document.getElementById('message').hidden && Number(document.body.dataset.refreshes || 0) >= 1");

        // A running batch: its counts change while the page stays the same document.
        await SubmitAsync(batchId, services);
        await SubmitAsync(ScriptLikeBatchId, [ListingTests.AcceptingService]);
        await WaitForAsync(page, $"batch {batchId}", $"(id) => ({BatchCell})(id, 'completed') !== null", batchId);
        string first = await page.EvaluateFunctionAsync<string>(BatchCell, batchId, "completed");
        Assert.NotEqual("12 / 12", first);
        await page.EvaluateExpressionAsync("window.__sameDocument = true");
        await WaitForAsync(page, "the batch's completed count change", $"(id, before) => {{ const now = ({BatchCell})(id, 'completed'); return now !== null && now !== before; }}", batchId, first);
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.__sameDocument === true"), "The counts changed by a reload, not live.");

        // The batch's items, ten a page: the second page holds the last two.
        await page.EvaluateFunctionAsync("(id) => [...document.querySelectorAll('#batches tbody tr')].find(r => r.dataset.batchId === id).click()", batchId);
        await WaitForAsync(page, "the first page of items", "() => document.querySelectorAll('#items tbody tr').length === 10 && !document.getElementById('items-next').disabled");
        await page.ClickAsync("#items-next");
        await WaitForAsync(page, "the second page of items", "() => [...document.querySelectorAll('#items tbody tr')].map(r => r.dataset.index).join() === '10,11'");
        await page.ClickAsync("#items-prev");
        await WaitForAsync(page, "the first page again", "() => document.querySelectorAll('#items tbody tr')[0]?.dataset.index === '0'");

        // Once every item has ended, the outcome filter shows the failed ones only, each with the cloud's error code.
        await WaitForAsync(page, "the batch ended", $"(id) => ({BatchCell})(id, 'completed') === '12 / 12'", batchId);
        JsonElement failed = await api!.GetFromJsonAsync<JsonElement>($"/api/batches/{batchId}/items?result=failed");
        string[] codes = [.. failed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("error").GetProperty("code").GetString()!)];
        Assert.Equal(3, codes.Length);
        await page.SelectAsync("#items-result", "failed");
        await WaitForAsync(
            page,
            "only the failed items",
            "(codes) => { const rows = [...document.querySelectorAll('#items tbody tr')]; return rows.length === codes.length && rows.every((r, i) => r.querySelector('.result').textContent === 'failed' && r.querySelector('.error-code').textContent === codes[i]); }",
            [codes]);
        Assert.All(codes, code => Assert.False(string.IsNullOrEmpty(code)));

        // A failed item's request: its error and its notification attempts.
        await page.ClickAsync("#items tbody tr");
        await WaitForAsync(page, "the failed request's error", "(code) => !document.getElementById('request-section').hidden && document.getElementById('request-detail').textContent.includes(code) && document.querySelectorAll('#attempts tbody tr').length > 0", codes[0]);

        // Text from the API is text: the script-like batch id shows as written, and nothing of it ran or became an element.
        await WaitForAsync(page, "the script-like batch id as text", $"(id) => ({BatchCell})(id, 'batch-id') === id", ScriptLikeBatchId);
        Assert.True(await page.EvaluateExpressionAsync<bool>("window.__xss === undefined && document.querySelectorAll('main img, main script').length === 0"));

        string folder = Directory.CreateTempSubdirectory("vpcep-status-page-").FullName;
        string screenshot = Path.Combine(folder, "status-page.png");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        byte[] png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } keep)
        {
            File.Copy(screenshot, keep, overwrite: true);
        }

        Assert.Empty(browserErrors);
    }
}
