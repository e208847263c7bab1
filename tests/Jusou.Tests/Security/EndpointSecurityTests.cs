using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Jusou.Tests.Security;

/// <summary>
/// Every endpoint in the gateway's merged OpenAPI document, enumerated rather than listed by hand, so a new endpoint
/// is covered without a new test: no token, a badly signed token and an expired token get 401; every role outside the
/// endpoint's x-jusou-roles gets 403 and every role inside it gets past authorisation; a record of one tenant read
/// with another tenant's token is 404, exactly like a record that does not exist.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EndpointSecurityTests(SystemFixture system, ITestOutputHelper output)
{
    private static readonly string[] Services = [.. Jusou.AppHost.JusouServices.Names];

    private sealed record Operation(string Method, string Template, IReadOnlyList<string>? Roles, IReadOnlySet<string> IntegerParameters)
    {
        /// <summary>The path with every parameter filled: integers with 1, the rest (ids, codes) with <paramref name="parameter"/>.</summary>
        public string Path(string parameter) =>
            System.Text.RegularExpressions.Regex.Replace(Template, "{([^}]+)}", m => IntegerParameters.Contains(m.Groups[1].Value) ? "1" : parameter);

        public int Parameters => Template.Count(c => c == '{');

        /// <summary>
        /// A read of one record, named by its id or code. An integer parameter names a year or a number, which exists
        /// for every tenant (a fiscal year without plan targets is an empty set), not a record.
        /// </summary>
        public bool ReadsOneRecord => Method == "GET" && Parameters == 1 && IntegerParameters.Count == 0;

        public override string ToString() => $"{Method} {Template}";
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_missing_badly_signed_or_expired_token()
    {
        var operations = await Operations();
        var tenant = Tenants.Fresh();
        var forged = DevelopmentTokens.Mint(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), tenant, JusouRoles.Manager);
        var expired = DevelopmentTokens.Mint(system.SigningKey, tenant, JusouRoles.Manager,
            now: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromMinutes(5));
        var noTenant = DevelopmentTokens.Mint(system.SigningKey, "", JusouRoles.Manager);
        // 172032 has the wrong check digit (富山市 is 172014); 000000 is the operators' placeholder, for ops tokens only.
        var badCheckDigit = DevelopmentTokens.Mint(system.SigningKey, "172032", JusouRoles.Manager);
        var operatorTenantAsManager = DevelopmentTokens.Mint(system.SigningKey, JusouClaims.OperatorTenant, JusouRoles.Manager);

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            foreach (var (what, token) in new[]
                     {
                         ("no token", (string?)null), ("forged token", forged), ("expired token", expired), ("token without tenant", noTenant),
                         ("tenant with a wrong check digit", badCheckDigit), ("operator tenant without the ops role", operatorTenantAsManager),
                     })
            {
                var status = await Send(operation, operation.Path(Guid.CreateVersion7().ToString()), token);
                if (status != HttpStatusCode.Unauthorized) failures.Add($"{operation} with {what}: {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task An_operator_token_with_the_placeholder_tenant_reaches_the_ops_endpoints_and_no_data()
    {
        var ops = system.Gateway(JusouClaims.OperatorTenant, JusouRoles.Ops);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/multiagency/ops/error-queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync("/api/multiagency/cases")).StatusCode);
    }

    [Fact]
    public async Task Every_endpoint_lets_in_exactly_the_roles_it_declares()
    {
        var operations = await Operations();
        var tenant = Tenants.Fresh();
        var failures = new List<string>();
        var declared = 0;
        foreach (var operation in operations)
        {
            if (operation.Roles is not null) declared++;
            foreach (var role in JusouRoles.All)
            {
                var token = DevelopmentTokens.Mint(system.SigningKey, tenant, role, organisation: "security-test-org");
                var status = await Send(operation, operation.Path(Guid.CreateVersion7().ToString()), token);
                var allowed = operation.Roles is null || operation.Roles.Contains(role);
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{operation} as {role} (declared allowed): {(int)status}");
                if (!allowed && status != HttpStatusCode.Forbidden)
                    failures.Add($"{operation} as {role} (not declared): {(int)status}, expected 403");
            }
        }
        output.WriteLine($"{operations.Count} operations, {declared} with declared roles, {operations.Count - declared} open to every role of the tenant");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(declared * 2 > operations.Count, "most endpoints should declare their roles");
    }

    [Fact]
    public async Task A_record_read_with_another_tenants_token_is_404_like_a_record_that_does_not_exist()
    {
        // Records this test is sure of; the run's other tests add more, and every one found is checked too.
        var owner = Tenants.Fresh();
        var worker = system.Gateway(owner, JusouRoles.IntakeWorker);
        var personId = await worker.CreatePerson("境 界子", "サカイ キョウコ", new DateOnly(1980, 1, 1));
        var household = await worker.PostAsJsonAsync("/api/intake/households", new { householdType = "other", members = new[] { new { personId, relationship = "self" } } });
        Assert.Equal(HttpStatusCode.Created, household.StatusCode);
        var consultationId = await worker.ReferConsultation();
        await Eventually.Get(() => system.Gateway(owner, JusouRoles.Coordinator).FindCase(consultationId), TimeSpan.FromSeconds(15), "the support case");

        var operations = (await Operations()).Where(o => o.ReadsOneRecord && OfAService(o)).ToList();
        var covered = new List<string>();
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var service = operation.Template.Split('/')[2];
            var segments = operation.Template.Split('/');
            var collection = segments[Array.FindIndex(segments, s => s.StartsWith('{')) - 1];
            var role = operation.Roles?.FirstOrDefault() ?? JusouRoles.Manager;
            foreach (var (id, tenant, _) in await SampleRecords(service, collection))
            {
                var own = await Send(operation, operation.Path(id), Token(tenant, role));
                if (own != HttpStatusCode.OK) continue; // not this endpoint's kind of record, or not readable this way
                var stranger = Tenants.Fresh();
                var (otherStatus, otherBody) = await SendReading(operation.Path(id), Token(stranger, role));
                var (missingStatus, missingBody) = await SendReading(operation.Path(Guid.CreateVersion7().ToString()), Token(stranger, role));
                if (otherStatus != HttpStatusCode.NotFound || Shape(otherBody) != Shape(missingBody) || missingStatus != HttpStatusCode.NotFound)
                    failures.Add($"{operation}: another tenant got {(int)otherStatus} ({otherBody}), a missing record {(int)missingStatus} ({missingBody})");
                covered.Add(operation.ToString());
                break;
            }
        }
        output.WriteLine($"cross-tenant reads checked on {covered.Count} of {operations.Count} GET-by-id endpoints:\n" + string.Join("\n", covered));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        foreach (var mustBeCovered in new[] { "/api/intake/persons/{id}", "/api/intake/consultations/{id}", "/api/intake/households/{id}", "/api/multiagency/cases/{id}" })
        {
            Assert.Contains($"GET {mustBeCovered}", covered);
        }
    }

    [Fact]
    public async Task Every_read_of_a_record_holding_personal_data_leaves_an_audit_row_naming_who_and_the_request()
    {
        // Which tables hold personal data is what the services' 個人情報ファイル簿 says (see PersonalDataRegisterTests).
        var manager = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        var personal = new Dictionary<string, HashSet<string>>();
        foreach (var service in Services)
        {
            var register = JsonNode.Parse(await manager.GetStringAsync($"/api/{service}/privacy/register"))!;
            personal[service] = register["files"]!.AsArray()
                .SelectMany(file => file!["tables"]!.AsArray().Select(table => table!.GetValue<string>())).ToHashSet();
        }
        var owner = Tenants.Fresh();
        var worker = system.Gateway(owner, JusouRoles.IntakeWorker);
        await worker.CreatePerson("監 査子", "カンサ ケイコ", new DateOnly(1975, 5, 5));
        var consultationId = await worker.ReferConsultation();
        await Eventually.Get(() => system.Gateway(owner, JusouRoles.Coordinator).FindCase(consultationId), TimeSpan.FromSeconds(15), "the support case");
        // A record in the main file of the other services too, so this test proves them even when run alone.
        await Outreach.OutreachClient.NewTargetId(system.Gateway(owner, JusouRoles.OutreachWorker));
        await Rights.RightsClient.NewMatter(Rights.RightsClient.Staff(system, owner), new { type = "guardianship", petitioner = "mayor" });
        await Participation.ParticipationClient.NewRequestId(system.Gateway(owner, JusouRoles.Coordinator));

        var covered = new List<string>();
        var failures = new List<string>();
        foreach (var operation in (await Operations()).Where(o => o.ReadsOneRecord && OfAService(o)))
        {
            var service = operation.Template.Split('/')[2];
            var segments = operation.Template.Split('/');
            var collection = segments[Array.FindIndex(segments, s => s.StartsWith('{')) - 1];
            var role = operation.Roles?.FirstOrDefault() ?? JusouRoles.Manager;
            foreach (var (id, tenant, table) in await SampleRecords(service, collection))
            {
                if (!personal[service].Contains(table)) continue;
                var correlationId = Guid.NewGuid().ToString("N");
                var (status, _) = await SendRaw("GET", operation.Path(id), Token(tenant, role), correlationId);
                if (status != HttpStatusCode.OK) continue; // not this endpoint's kind of record, or not readable this way
                var rows = await Sql.Count(system, $"{service}db",
                    "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND correlation_id = $2 AND subject = $3 AND role = $4 AND purpose <> '' AND rule <> ''",
                    tenant, correlationId, $"security-{role}", role);
                if (rows == 0) failures.Add($"{operation} read {table} {id} and left no audit row");
                covered.Add(operation.ToString());
                break;
            }
        }
        output.WriteLine($"audited reads checked on {covered.Count} GET-by-id endpoints of personal data:\n" + string.Join("\n", covered));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        foreach (var mustBeCovered in new[]
                 {
                     "/api/intake/persons/{id}", "/api/intake/consultations/{id}", "/api/multiagency/cases/{id}", "/api/outreach/targets/{id}",
                     "/api/rights/matters/{id}", "/api/participation/requests/{id}",
                 })
        {
            Assert.Contains($"GET {mustBeCovered}", covered);
        }
    }

    [Fact]
    public async Task Every_service_shows_managers_its_audit_trail_and_nothing_can_change_it()
    {
        var operations = await Operations();
        Assert.DoesNotContain(operations, o => o.Template.Contains("/audit", StringComparison.Ordinal) && o.Method != "GET");
        var manager = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        foreach (var service in Services)
        {
            Assert.Contains(operations, o => o.Method == "GET" && o.Template == $"/api/{service}/audit");
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/{service}/audit")).StatusCode);

            // Not even the database owner can empty or rewrite it: the triggers refuse TRUNCATE, UPDATE and DELETE.
            var before = await Sql.Count(system, $"{service}db", "SELECT count(*) FROM audit_entries");
            await Assert.ThrowsAsync<PostgresException>(() => Sql.Execute(system, $"{service}db", "TRUNCATE audit_entries"));
            if (before > 0)
            {
                await Assert.ThrowsAsync<PostgresException>(() => Sql.Execute(system, $"{service}db", "DELETE FROM audit_entries"));
                await Assert.ThrowsAsync<PostgresException>(() => Sql.Execute(system, $"{service}db", "UPDATE audit_entries SET action = 'changed'"));
            }
            Assert.True(await Sql.Count(system, $"{service}db", "SELECT count(*) FROM audit_entries") >= before);
        }
    }

    private string Token(string tenant, string role) =>
        DevelopmentTokens.Mint(system.SigningKey, tenant, role, organisation: "security-test-org", subject: $"security-{role}");

    /// <summary>A few records of the service's tables named like the collection (persons → persons, cases → support_cases).</summary>
    private async Task<List<(string Id, string Tenant, string Table)>> SampleRecords(string service, string collection)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionString($"{service}db"));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.columns i ON i.table_name = c.table_name AND i.table_schema = c.table_schema AND i.column_name = 'id' AND i.data_type = 'uuid'
            WHERE c.table_schema = 'public' AND c.column_name = 'tenant_code' AND (c.table_name = $1 OR c.table_name LIKE '%\_' || $1)
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = collection.Replace('-', '_') });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var records = new List<(string, string, string)>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT id::text, tenant_code FROM \"{table}\" ORDER BY id DESC LIMIT 3", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) records.Add((reader.GetString(0), reader.GetString(1), table));
        }
        return records;
    }

    /// <summary>An operation of one of the six services (with its own database), not of the gateway itself.</summary>
    private static bool OfAService(Operation operation) => Services.Contains(operation.Template.Split('/')[2]);

    /// <summary>Every operation of the merged document, once all six services are in it.</summary>
    private async Task<IReadOnlyList<Operation>> Operations()
    {
        var gateway = system.AnonymousGateway();
        var document = await Eventually.Get(async () =>
        {
            using var response = await gateway.GetAsync("/openapi/v1.json");
            if (!response.IsSuccessStatusCode) return null; // a service still starting
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
            return Services.All(s => paths.Any(p => p.StartsWith($"/api/{s}/", StringComparison.Ordinal))) ? json : null;
        }, TimeSpan.FromSeconds(60), "a merged OpenAPI document with all six services");

        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "patch" or "delete")) continue;
                var roles = operation?["x-jusou-roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToList();
                var integers = (operation?["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
                    .Where(p => p["in"]?.GetValue<string>() == "path" && p["schema"]?["type"]?.ToJsonString().Contains("integer") == true)
                    .Select(p => p["name"]!.GetValue<string>()).ToHashSet();
                operations.Add(new Operation(method.ToUpperInvariant(), path, roles, integers));
            }
        }
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations in the merged document");
        return operations;
    }

    private async Task<HttpStatusCode> Send(Operation operation, string path, string? token) =>
        (await SendRaw(operation.Method, path, token)).Status;

    private async Task<(HttpStatusCode, string)> SendReading(string path, string token)
    {
        var (status, body) = await SendRaw("GET", path, token);
        return (status, body);
    }

    /// <summary>Sends through the gateway, waiting out its rate limit (these tests make many calls from one address).</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendRaw(string method, string path, string? token, string? correlationId = null)
    {
        var gateway = system.AnonymousGateway();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (correlationId is not null) request.Headers.Add("X-Correlation-Id", correlationId);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await gateway.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 20)
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    // A problem body without the parts that differ per request: what a caller could compare to learn something.
    private static string Shape(string body)
    {
        if (string.IsNullOrEmpty(body)) return "";
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        json.Remove("instance");
        json.Remove("correlationId");
        return json.ToJsonString();
    }
}
