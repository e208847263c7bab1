using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Jusou.Tests.Reliability;

/// <summary>
/// A bounded, deterministic fuzz of every write endpoint (POST, PUT, PATCH) found in the services' OpenAPI documents:
/// 1,000 malformed or hostile requests, sent as a manager so that authorization passes and bodies are parsed. None
/// may be a 5xx, every 4xx with a body must be ProblemDetails, none may succeed, and none may write a row.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FuzzTests(SystemFixture system, ITestOutputHelper output)
{
    private const int Seed = 20261126;
    private const int Total = 1000;
    private const int PerSubject = 150;   // the gateway allows a burst of 200 per user
    private const int Concurrency = 4;
    private const int Huge = 100_000;

    private static readonly string[] Services = [.. Jusou.AppHost.JusouServices.Names];

    private static readonly string[] Payloads =
    [
        "'; DROP TABLE persons; --",
        "' OR '1'='1",
        "1; SELECT pg_sleep(10); --",
        "\" OR \"\"=\"",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "${jndi:ldap://example.invalid/a}",
        "{{7*7}}",
        "../../../../etc/passwd",
        "%00%0d%0aSet-Cookie: x=y",
        "Robert'); DROP TABLE consultations;--",
    ];

    private enum Kind
    {
        WrongTypes, HugeStrings, DeepNesting, InvalidUtf8, LoneSurrogates, Injection, UnknownFields, EmptyBody,
        NullBody, ArrayBody, TruncatedJson, WrongContentType, OtherEndpointBody, OutOfRangeNumbers, ControlChars,
        JunkIfMatchOwnBody,
    }

    private sealed record Endpoint(string Service, string Method, string Path, JsonObject? Schema, string? SchemaName);

    private sealed record Case(int Index, string Method, string Path, string Kind, byte[]? Body, string? ContentType,
        bool Multipart, string? IfMatch, string? IdempotencyKey);

    private sealed record Outcome(Case Case, int Status, string? MediaType, string Body);

    [Fact]
    public async Task A_thousand_malformed_writes_are_refused_with_problem_details_and_store_nothing()
    {
        var started = DateTime.UtcNow;
        var tenant = Tenants.Fresh();
        var setup = system.Gateway(tenant, JusouRoles.Manager, subject: "fuzz-setup");

        // 1. Discover the write endpoints and the request schemas (with their examples) from the OpenAPI documents.
        var endpoints = new List<Endpoint>();
        var examples = new Dictionary<string, (JsonObject Example, HashSet<string> Fields)>();
        foreach (var service in Services)
        {
            var response = await setup.GetAsync($"/api/{service}/openapi/v1.json");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"OpenAPI of {service}: {(int)response.StatusCode}");
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            var found = 0;
            foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
            {
                foreach (var method in new[] { "post", "put", "patch" })
                {
                    if (item?[method] is not JsonObject operation) continue;
                    var reference = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                    var schemaName = (reference?["$ref"]?.GetValue<string>())?.Split('/')[^1];
                    var schema = reference is null ? null : Resolve(document, reference);
                    var fullPath = path.StartsWith($"/api/{service}", StringComparison.Ordinal) ? path : $"/api/{service}{path}";
                    endpoints.Add(new Endpoint(service, method.ToUpperInvariant(), fullPath, schema, schemaName));
                    found++;
                    if (schemaName is not null && schema?["examples"] is JsonArray { Count: > 0 } list && list[0] is JsonObject example)
                    {
                        examples[$"{service}:{schemaName}"] = (example, FieldsOf(schema));
                    }
                }
            }
            output.WriteLine($"{service}: {found} write endpoint(s)");
        }
        foreach (var endpoint in endpoints) output.WriteLine($"  {endpoint.Method} {endpoint.Path} body={endpoint.SchemaName ?? "-"}");
        Assert.NotEmpty(endpoints);

        // Real records in the fuzz tenant, so that malformed bodies reach existing rows too.
        var personId = await setup.CreatePerson("不破 試験", "フワ シケン", new DateOnly(1970, 1, 1));
        var consultation = await setup.PostAsJsonAsync("/api/intake/consultations", new { channel = "counter" });
        Assert.Equal(HttpStatusCode.Created, consultation.StatusCode);
        var consultationId = (await consultation.ReadObject())["id"]!.GetValue<Guid>();

        var tables = await TenantTables();
        var before = await CountRows(tables, tenant);

        // 2. Generate 1,000 requests deterministically.
        var random = new Random(Seed);
        var kinds = Enum.GetValues<Kind>();
        // Endpoints that read a body get three times the share of those that do not (there the body is ignored).
        var weighted = endpoints.SelectMany(e => Enumerable.Repeat(e, e.Schema is null ? 1 : 3)).ToList();
        var cases = new List<Case>(Total);
        for (var i = 0; i < Total; i++)
        {
            var endpoint = weighted[random.Next(weighted.Count)];
            var useRealIds = endpoint.Service == "intake" && random.Next(10) < 6;
            var path = FillPath(endpoint.Path, useRealIds, personId, consultationId, random);
            var kind = kinds[random.Next(kinds.Length)];
            // No body at all is a well-formed request to an endpoint that takes none (an import, an action): send junk instead.
            if (endpoint.Schema is null && kind == Kind.EmptyBody) kind = Kind.NullBody;
            cases.Add(Generate(i, endpoint, path, kind, examples, random));
        }

        // 3. Send them: small concurrency, a fresh subject per batch so the per-user rate limit rarely bites.
        var clients = Enumerable.Range(0, (Total + PerSubject - 1) / PerSubject)
            .Select(n => system.Gateway(tenant, JusouRoles.Manager, subject: $"fuzz-{n}")).ToArray();
        var outcomes = new ConcurrentBag<Outcome>();
        var sending = DateTime.UtcNow;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = timeout.Token },
                async (fuzz, cancellationToken) => outcomes.Add(await Send(clients[fuzz.Index / PerSubject], fuzz, cancellationToken)));
        }
        var sent = DateTime.UtcNow - sending;

        var after = await CountRows(tables, tenant);

        // 4. Report.
        var all = outcomes.OrderBy(o => o.Case.Index).ToList();
        output.WriteLine($"total sent: {all.Count} in {sent.TotalSeconds:F1} s (whole test {(DateTime.UtcNow - started).TotalSeconds:F1} s)");
        foreach (var group in all.GroupBy(o => o.Status).OrderBy(g => g.Key)) output.WriteLine($"  status {group.Key}: {group.Count()}");
        foreach (var group in all.GroupBy(o => o.Case.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key,-20} {group.Count(),4}: " +
                string.Join(", ", group.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        }
        foreach (var group in all.GroupBy(o => $"{o.Case.Method} {Template(o.Case.Path)}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key,-58} {group.Count(),4}: " +
                string.Join(", ", group.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        }
        var serverErrors = all.Where(o => o.Status >= 500).ToList();
        var rateLimited = all.Count(o => o.Status == 429);
        var reached = all.Count(o => o.Status is not (429 or 502 or 503 or 0));
        var accepted = all.Where(o => o.Status is >= 200 and < 300).ToList();
        var notProblems = all.Where(o => o.Status is >= 400 and < 500 && o.Body.Length > 0 && o.MediaType != "application/problem+json").ToList();
        output.WriteLine($"5xx: {serverErrors.Count}; 429: {rateLimited}; reached a service: {reached}; 2xx: {accepted.Count}; 4xx bodies not problem+json: {notProblems.Count}");
        foreach (var table in tables)
        {
            var note = table == "audit_entries" ? " (not compared: reads are audited)" : before[table] == after[table] ? "" : "  <-- CHANGED";
            output.WriteLine($"  rows {table}: before {before[table]}, after {after[table]}{note}");
        }

        var failures = new List<string>();
        failures.AddRange(serverErrors.Select(o => $"{o.Status} {Describe(o)}"));
        failures.AddRange(accepted.Select(o => $"malformed request accepted: {o.Status} {Describe(o)}"));
        failures.AddRange(notProblems.Select(o => $"4xx not problem+json ({o.MediaType ?? "no content type"}): {o.Status} {Describe(o)}"));
        failures.AddRange(tables.Where(t => t != "audit_entries" && before[t] != after[t])
            .Select(t => $"rows of {t} changed: {before[t]} -> {after[t]}"));
        if (all.Count != Total) failures.Add($"only {all.Count} of {Total} requests completed");
        if (reached < 800) failures.Add($"only {reached} of {Total} requests reached a service (429: {rateLimited})");
        foreach (var failure in failures.Take(40)) output.WriteLine("FAIL " + failure);
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s):\n" + string.Join("\n", failures.Take(40)));
    }

    // ---- sending --------------------------------------------------------------------------------------------------

    private static async Task<Outcome> Send(HttpClient client, Case fuzz, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Path);
        if (fuzz.Multipart)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(fuzz.Body ?? []), "body", "body.json");
            form.Add(new StringContent("counter"), "channel");
            request.Content = form;
        }
        else if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }
        if (fuzz.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", fuzz.IfMatch);
        if (fuzz.IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", fuzz.IdempotencyKey);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Outcome(fuzz, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (HttpRequestException exception)
        {
            return new Outcome(fuzz, 0, null, $"client error: {exception.Message}");
        }
    }

    private static string Describe(Outcome o)
    {
        var body = o.Body.Length > 1500 ? o.Body[..1500] + "…" : o.Body;
        return $"#{o.Case.Index} {o.Case.Method} {o.Case.Path} kind={o.Case.Kind} content-type={o.Case.ContentType ?? "none"}" +
            $"{(o.Case.IfMatch is null ? "" : $" If-Match({o.Case.IfMatch.Length})")}" +
            $"{(o.Case.IdempotencyKey is null ? "" : $" Idempotency-Key({o.Case.IdempotencyKey.Length})")}" +
            $" request={Preview(o.Case.Body)} response={body}";
    }

    private static string Template(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");

    private static string Preview(byte[]? body) => body is null ? "(none)"
        : body.Length > 300 ? Encoding.UTF8.GetString(body, 0, 300) + $"…({body.Length} bytes)" : Encoding.UTF8.GetString(body);

    // ---- generation -----------------------------------------------------------------------------------------------

    private static Case Generate(int index, Endpoint endpoint, string path, Kind kind,
        Dictionary<string, (JsonObject Example, HashSet<string> Fields)> examples, Random random)
    {
        var schema = endpoint.Schema;
        var contentType = "application/json";
        var multipart = false;
        string? ifMatch = null;
        string? json = null;
        byte[]? raw = null;

        switch (kind)
        {
            case Kind.WrongTypes:
                json = Object(schema, (field, s) => WrongType(s, random), random);
                break;
            case Kind.HugeStrings:
                var hugeLeft = 8; // keeps the body under the gateway's 1 MiB limit, so it reaches the service
                json = Object(schema, (field, s) => Hostile(s, () => hugeLeft-- > 0
                    ? Quote(new string((char)('a' + random.Next(26)), Huge)) : Quote(Payloads[0]), random), random);
                break;
            case Kind.DeepNesting:
                var depth = random.Next(100, 1000);
                var field = FirstField(schema) ?? "summary";
                json = random.Next(3) switch
                {
                    0 => $"{{{Quote(field)}:{new string('[', depth)}{new string(']', depth)}}}",
                    1 => string.Concat(Enumerable.Repeat($"{{{Quote(field)}:", depth)) + "1" + new string('}', depth),
                    _ => new string('[', depth) + "{}" + new string(']', depth),
                };
                break;
            case Kind.InvalidUtf8:
                byte[][] bad = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xFE, 0xFF]];
                var prefix = Encoding.UTF8.GetBytes($"{{{Quote(FirstField(schema) ?? "summary")}:\"abc");
                raw = [.. prefix, .. bad[random.Next(bad.Length)], .. "def\"}"u8.ToArray()];
                break;
            case Kind.LoneSurrogates:
                string[] surrogates = ["\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud800\\ud800\"", "\"\\udfff\\ud800\"", "\"\\ud83d\""];
                json = Object(schema, (field, s) => Hostile(s, () => surrogates[random.Next(surrogates.Length)], random), random);
                break;
            case Kind.Injection:
                json = Object(schema, (field, s) => Hostile(s, () => Quote(Payloads[random.Next(Payloads.Length)]), random), random);
                break;
            case Kind.UnknownFields:
                var withUnknown = OwnExample(endpoint, examples, random);
                string[] unknown = ["nickname", "isAdmin", "tenantCode", "__proto__", "$type", "$ref", "Id", "status"];
                foreach (var name in unknown.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    if (!FieldsOf(schema).Contains(name)) withUnknown[name] = name == "tenantCode" ? "999999" : "x";
                }
                withUnknown["nickname"] = "fuzz";
                json = withUnknown.ToJsonString();
                break;
            case Kind.EmptyBody:
                if (random.Next(2) == 0) { raw = null; contentType = null; }
                else raw = [];
                break;
            case Kind.NullBody:
                json = random.Next(2) == 0 ? "null" : " null ";
                break;
            case Kind.ArrayBody:
                json = random.Next(2) == 0 ? "[]" : $"[{OwnExample(endpoint, examples, random).ToJsonString()}]";
                break;
            case Kind.TruncatedJson:
                var whole = OwnExample(endpoint, examples, random).ToJsonString();
                json = whole.Length < 2 ? "{" : whole[..random.Next(1, whole.Length - 1)];
                break;
            case Kind.WrongContentType:
                var body = OwnExample(endpoint, examples, random).ToJsonString();
                switch (random.Next(5))
                {
                    case 0: contentType = "text/plain"; json = body; break;
                    case 1: contentType = "application/xml"; json = "<consultation><channel>counter</channel></consultation>"; break;
                    case 2: multipart = true; contentType = "multipart/form-data"; json = body; break;
                    case 3: contentType = null; json = body; break;
                    default: contentType = "application/x-www-form-urlencoded"; json = "channel=counter&name=x"; break;
                }
                break;
            case Kind.OtherEndpointBody:
                // Another endpoint's valid example, but only one carrying a field this endpoint does not know.
                var own = FieldsOf(schema);
                var others = examples.Where(e => e.Key != $"{endpoint.Service}:{endpoint.SchemaName}" && !e.Value.Fields.IsSubsetOf(own))
                    .OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
                if (others.Count == 0) { json = "{\"nickname\":\"fuzz\"}"; break; }
                var other = others[random.Next(others.Count)];
                json = other.Value.Example.ToJsonString();
                break;
            case Kind.OutOfRangeNumbers:
                string[] numbers = ["1e400", "-1e400", "1e-400", "99999999999999999999999999999999", "-0", "NaN", "Infinity", "0x10", "01"];
                json = Object(schema, (field, s) => numbers[random.Next(numbers.Length)], random);
                break;
            case Kind.ControlChars:
                var escaped = random.Next(2) == 0;
                string Control() => escaped
                    ? "\"a\\u0000b\\u0001c\\u001f\\u007f\\b\\f\\u200b\\ufeff\\u202e\""
                    : "\"a\u0001b\u0007c\u001b[31m\td\u007f\""; // raw control characters are not JSON
                json = Object(schema, (field, s) => Hostile(s, Control, random), random);
                break;
            case Kind.JunkIfMatchOwnBody:
                // PUT/PATCH with the endpoint's own well-formed example but a junk precondition; a POST gets an
                // unknown field besides, so that nothing here can be a valid request.
                var example = OwnExample(endpoint, examples, random);
                if (endpoint.Method == "POST" || endpoint.Schema is null) example["nickname"] = "fuzz";
                json = example.ToJsonString();
                ifMatch = JunkHeader(random);
                break;
        }

        raw ??= json is null ? null : Encoding.UTF8.GetBytes(json);
        if (kind == Kind.EmptyBody && raw is null) contentType = null;

        // Header junk on a third of the requests, whatever the body.
        string? idempotencyKey = null;
        if (random.Next(3) == 0)
        {
            if (random.Next(2) == 0) ifMatch ??= JunkHeader(random);
            else idempotencyKey = JunkHeader(random);
        }

        return new Case(index, endpoint.Method, path, kind.ToString(), raw, contentType, multipart, ifMatch, idempotencyKey);
    }

    /// <summary>Junk for If-Match or Idempotency-Key: very long, control characters, malformed entity tags. Never
    /// a valid key (1–100 printable characters) and never "*", so it cannot make a request valid.</summary>
    private static string JunkHeader(Random random) => random.Next(6) switch
    {
        0 => new string('k', random.Next(101, 20_000)),
        1 => "key\u0001\u0002\u0003",
        2 => "\"abc\u007f\"",
        3 => "W/\"" + new string('9', 5_000) + "\"",
        4 => "\t\"unterminated",
        _ => "\"x\", W/, \"\u001b[31m\", " + new string('"', 101),
    };

    /// <summary>A JSON object text with one value per property of the schema (or a single unknown field).</summary>
    private static string Object(JsonObject? schema, Func<string, JsonObject, string> value, Random random)
    {
        var properties = schema?["properties"] as JsonObject;
        if (properties is null || properties.Count == 0)
        {
            return $"{{\"unexpected\":{value("unexpected", new JsonObject { ["type"] = "string" })}}}";
        }
        return "{" + string.Join(",", properties.Select(p => $"{Quote(p.Key)}:{value(p.Key, p.Value as JsonObject ?? [])}")) + "}";
    }

    /// <summary>A hostile string wherever the schema has a string (inside arrays and nested objects too); a value
    /// of a formatted string (date, uuid) or of another type is sometimes kept plausible, sometimes hostile too.</summary>
    private static string Hostile(JsonObject schema, Func<string> payload, Random random, int depth = 0)
    {
        var (type, format) = TypeOf(schema);
        return type switch
        {
            "array" when depth < 3 => $"[{Hostile(schema["items"] as JsonObject ?? [], payload, random, depth + 1)}]",
            "object" when depth < 3 && schema["properties"] is JsonObject props =>
                "{" + string.Join(",", props.Select(p => $"{Quote(p.Key)}:{Hostile(p.Value as JsonObject ?? [], payload, random, depth + 1)}")) + "}",
            "string" when format is null => payload(),
            _ => random.Next(2) == 0 ? Sample(schema, random) : payload(),
        };
    }

    private static string WrongType(JsonObject schema, Random random)
    {
        var (type, format) = TypeOf(schema);
        string[] choices = (type, format) switch
        {
            ("string", "date") => ["\"yesterday\"", "\"2026-02-30\"", "\"20261126\"", "19700101", "\"0000-00-00\"", "{}"],
            ("string", "date-time") => ["\"now\"", "\"2026-13-01T25:61:00Z\"", "1764115200", "\"-infinity\"", "[]"],
            ("string", "uuid") => ["\"not-a-guid\"", "\"{00000000-0000-0000-0000-00000000000g}\"", "12345", "true", "{}"],
            ("string", _) => ["42", "-1.5", "true", "{}", "[\"counter\"]", "{\"ja\":\"窓口\"}"],
            ("array", _) => ["{}", "{\"0\":\"x\"}", "\"care\"", "7", "[[[]]]"],
            ("object", _) => ["\"x\"", "[]", "1", "false"],
            ("integer" or "number", _) => ["\"1\"", "true", "[]", "1.5e3"],
            ("boolean", _) => ["\"true\"", "1", "\"yes\""],
            _ => ["[]", "{}", "42"],
        };
        return choices[random.Next(choices.Length)];
    }

    /// <summary>A plausible value of a schema: valid types, not necessarily valid content.</summary>
    private static string Sample(JsonObject schema, Random random, int depth = 0)
    {
        var (type, format) = TypeOf(schema);
        return (type, format) switch
        {
            ("string", "date") => "\"2000-01-01\"",
            ("string", "date-time") => "\"2026-01-01T00:00:00Z\"",
            ("string", "uuid") => Quote(new Guid(random.Bytes(16)).ToString()),
            ("string", _) => "\"x\"",
            ("integer" or "number", _) => "1",
            ("boolean", _) => "true",
            ("array", _) when depth < 3 => $"[{Sample(schema["items"] as JsonObject ?? [], random, depth + 1)}]",
            ("object", _) when depth < 3 && schema["properties"] is JsonObject props =>
                "{" + string.Join(",", props.Select(p => $"{Quote(p.Key)}:{Sample(p.Value as JsonObject ?? [], random, depth + 1)}")) + "}",
            _ => "null",
        };
    }

    private static JsonObject OwnExample(Endpoint endpoint, Dictionary<string, (JsonObject Example, HashSet<string> Fields)> examples, Random random) =>
        examples.TryGetValue($"{endpoint.Service}:{endpoint.SchemaName}", out var example)
            ? example.Example.DeepClone().AsObject()
            : JsonNode.Parse(Object(endpoint.Schema, (_, s) => Sample(s, random), random))!.AsObject();

    private static string? FirstField(JsonObject? schema) =>
        (schema?["properties"] as JsonObject)?.FirstOrDefault(p => TypeOf(p.Value as JsonObject ?? []).Type == "string").Key;

    private static HashSet<string> FieldsOf(JsonObject? schema) =>
        (schema?["properties"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];

    private static string Quote(string value) => JsonSerializer.Serialize(value);

    // ---- OpenAPI --------------------------------------------------------------------------------------------------

    /// <summary>Follows $ref and picks the non-null branch of oneOf/anyOf, copying nested references in place.</summary>
    private static JsonObject Resolve(JsonObject document, JsonNode node, int depth = 0)
    {
        var schema = node as JsonObject ?? [];
        for (var hops = 0; schema["$ref"] is JsonValue reference && hops < 10; hops++)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            schema = document["components"]?["schemas"]?[name] as JsonObject ?? [];
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[combinator] is JsonArray branches &&
                branches.Select(b => Resolve(document, b!, depth + 1)).FirstOrDefault(b => TypeOf(b).Type != "null") is { } branch)
            {
                schema = branch;
            }
        }
        if (depth > 4) return schema;
        var copy = schema.DeepClone().AsObject();
        if (copy["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
                properties[name] = Resolve(document, schema["properties"]![name]!, depth + 1);
        }
        if (copy["items"] is JsonNode items) copy["items"] = Resolve(document, schema["items"]!, depth + 1);
        return copy;
    }

    private static (string Type, string? Format) TypeOf(JsonObject schema)
    {
        var type = schema["type"] switch
        {
            JsonValue single => single.GetValue<string>(),
            JsonArray many => many.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
            _ => schema["properties"] is not null ? "object" : schema["items"] is not null ? "array" : "unknown",
        };
        var format = schema["format"]?.GetValue<string>();
        return (type, format);
    }

    private static string FillPath(string template, bool useRealIds, Guid personId, Guid consultationId, Random random)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var name = segments[i].Trim('{', '}').Split(':')[0];
            var previous = i > 0 ? segments[i - 1] : "";
            Guid? real = (name, previous) switch
            {
                ("personId", _) or ("id", "persons") => personId,
                ("id", "consultations") or ("consultationId", _) => consultationId,
                _ => null,
            };
            segments[i] = (useRealIds && real is { } id ? id : new Guid(random.Bytes(16))).ToString();
        }
        return string.Join('/', segments);
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    private async Task<List<string>> TenantTables()
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionString("intakedb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE column_name='tenant_code' AND table_schema='public' ORDER BY table_name",
            connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.NotEmpty(tables);
        return tables;
    }

    private async Task<Dictionary<string, long>> CountRows(List<string> tables, string tenant)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = await Sql.Count(system, "intakedb", $"SELECT count(*) FROM \"{table}\" WHERE tenant_code = $1", tenant);
        }
        return counts;
    }
}

file static class RandomExtensions
{
    public static byte[] Bytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
