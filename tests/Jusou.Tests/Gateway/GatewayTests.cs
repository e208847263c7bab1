using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.Testing;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Gateway;

/// <summary>The door: tokens, roles, bad input, limits and correlation ids, all seen through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayTests(SystemFixture system)
{
    private static readonly object MinimalConsultation = new { channel = "counter" };

    [Fact]
    public async Task Health_is_public_and_includes_every_service()
    {
        var response = await system.AnonymousGateway().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_merged_OpenAPI_document_and_a_reference_page_cover_every_service()
    {
        var gateway = system.AnonymousGateway();
        var document = await (await gateway.GetAsync("/openapi/v1.json")).ReadObject();
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/api/intake/consultations", "/api/multiagency/cases", "/api/participation/ops/error-queues", "/api/rights/ops/error-queues" })
        {
            Assert.True(paths.ContainsKey(path), $"the merged document lacks {path}");
        }
        Assert.True(document["components"]!["schemas"]!.AsObject().ContainsKey("ConsultationRequest"));

        var page = await gateway.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Nothing from a CDN (the page must work inside a closed network): no script or style from another origin.
        // (Scalar's CDN fonts are switched off in gateway/MergedOpenApi.cs: DisableDefaultFonts.)
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("(src|href)=[\"']?(https?:)?//", html);
        Assert.Contains("<script", html);
    }

    [Theory]
    [InlineData("/api/intake/consultations/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/multiagency/cases")]
    [InlineData("/api/participation/anything")]
    [InlineData("/api/rights/anything")]
    public async Task No_token_is_401(string path)
    {
        var response = await system.AnonymousGateway().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> BadTokens(string key) => new()
    {
        { "expired", DevelopmentTokens.Mint(key, Tenants.Tono, JusouRoles.Coordinator, lifetime: TimeSpan.FromMinutes(5), now: DateTimeOffset.UtcNow.AddHours(-1)) },
        { "signed with another key", DevelopmentTokens.Mint(new string('x', 64), Tenants.Tono, JusouRoles.Coordinator) },
        { "without a tenant", DevelopmentTokens.Mint(key, "", JusouRoles.Coordinator) },
        { "with a malformed tenant", DevelopmentTokens.Mint(key, "tono", JusouRoles.Coordinator) },
        { "for another audience", DevelopmentTokens.Mint(key, Tenants.Tono, JusouRoles.Coordinator, audience: "someone-else") },
        { "not a JWT", "not-a-token" },
    };

    [Fact]
    public async Task Bad_tokens_are_401_at_the_gateway_and_at_the_service()
    {
        foreach (var (why, token) in BadTokens(system.SigningKey).Select(row => ((string)row[0], (string)row[1])))
        {
            var client = system.AnonymousGateway();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.True(HttpStatusCode.Unauthorized == (await client.GetAsync("/api/multiagency/cases")).StatusCode, $"gateway: {why}");

            // Defence in depth: the service itself, reached without the gateway, refuses it too.
            var direct = system.App.CreateHttpClient("multiagency");
            direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.True(HttpStatusCode.Unauthorized == (await direct.GetAsync("/api/multiagency/cases")).StatusCode, $"service: {why}");
        }
    }

    [Fact]
    public async Task A_role_without_the_right_is_403_and_nothing_is_stored()
    {
        var tenant = Tenants.Fresh();
        var response = await system.Gateway(tenant, JusouRoles.CommunityStaff).PostAsJsonAsync("/api/intake/consultations", MinimalConsultation);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await ConsultationsOf(tenant));
    }

    [Theory]
    [InlineData("{\"channel\": \"counter\",", "malformed JSON")]
    [InlineData("{\"channel\": \"counter\", \"nickname\": \"x\"}", "an unknown field")]
    [InlineData("{\"channel\": 42}", "a wrong type")]
    [InlineData("[]", "an array instead of an object")]
    public async Task Unreadable_bodies_are_400_problem_details_and_nothing_is_stored(string body, string what)
    {
        var tenant = Tenants.Fresh();
        var response = await system.Gateway(tenant, JusouRoles.IntakeWorker).PostAsync("/api/intake/consultations",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObject();
        Assert.NotNull(problem["traceId"]);
        Assert.Equal(0, await ConsultationsOf(tenant));
    }

    [Fact]
    public async Task Invalid_codes_are_400_naming_the_field()
    {
        var tenant = Tenants.Fresh();
        var response = await system.Gateway(tenant, JusouRoles.IntakeWorker).PostAsJsonAsync("/api/intake/consultations",
            new { channel = "carrier-pigeon", disposition = "multi_agency" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObject())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("channel"));
        Assert.True(errors.ContainsKey("sharingRule")); // a referral must say which rule allows sharing
        Assert.Equal(0, await ConsultationsOf(tenant));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var response = await system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker).PostAsync("/api/intake/consultations",
            new StringContent("channel=counter", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var tenant = Tenants.Fresh();
        var huge = new string('あ', 700_000); // about 2 MB of UTF-8
        // Expect: 100-continue, as a careful client sends a large body: the gateway refuses it from its Content-Length
        // before any of it is sent. Without it the refusal can race the upload and reach the client as a broken pipe.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/consultations")
        {
            Content = new StringContent($"{{\"channel\":\"counter\",\"summary\":\"{huge}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        var response = await system.Gateway(tenant, JusouRoles.IntakeWorker).SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await ConsultationsOf(tenant));
    }

    [Fact]
    public async Task Too_many_requests_are_429_with_retry_after()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator, subject: $"burst-{Guid.NewGuid():N}");
        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => client.GetAsync("/api/multiagency/cases?pageSize=1")));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task The_correlation_id_is_kept_or_made_and_echoed_once()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/multiagency/cases");
        request.Headers.Add(CorrelationId.HeaderName, "case-conference-2026-11");
        var response = await client.SendAsync(request);
        Assert.Equal(["case-conference-2026-11"], response.Headers.GetValues(CorrelationId.HeaderName));

        var made = await client.GetAsync("/api/multiagency/cases");
        Assert.Single(made.Headers.GetValues(CorrelationId.HeaderName));
        Assert.False(string.IsNullOrWhiteSpace(made.Headers.GetValues(CorrelationId.HeaderName).Single()));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_api_answers_are_never_cached()
    {
        var signedIn = await system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator).GetAsync("/api/multiagency/cases");
        var refused = await system.AnonymousGateway().GetAsync("/api/multiagency/cases");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        foreach (var response in new[] { signedIn, refused })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, "API answers hold personal data: never cached");
        }
    }

    [Fact]
    public async Task Only_the_configured_origin_may_call_from_a_browser()
    {
        async Task<HttpResponseMessage> Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/intake/consultations");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "PATCH");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,if-match,content-type");
            return await system.AnonymousGateway().SendAsync(request);
        }

        var allowed = await Preflight(SystemFixture.PortalOrigin);
        Assert.True(allowed.IsSuccessStatusCode, $"preflight from the portal: {(int)allowed.StatusCode}");
        Assert.Equal(SystemFixture.PortalOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PATCH", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());

        var other = await Preflight("https://evil.example.com");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private Task<long> ConsultationsOf(string tenant) =>
        Sql.Count(system, "intakedb", "SELECT count(*) FROM consultations WHERE tenant_code = $1", tenant);
}
