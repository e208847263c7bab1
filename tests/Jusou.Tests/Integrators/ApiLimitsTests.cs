using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Integrators;

/// <summary>
/// A request's length limits are stated once, as <c>[MaxLength]</c> on its properties: the validators enforce exactly
/// that (<c>Validation.Limits</c>) and the merged OpenAPI document shows it as <c>maxLength</c>, so an integrator can
/// check a value before sending it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiLimitsTests(SystemFixture system)
{
    [Fact]
    public async Task Every_string_a_validator_limits_carries_that_limit_as_maxLength_in_the_merged_document()
    {
        var schemas = JsonNode.Parse(await system.MergedOpenApiText())!["components"]!["schemas"]!.AsObject();
        var problems = new List<string>();
        var checkedProperties = 0;

        foreach (var service in Jusou.AppHost.JusouServices.All)
        {
            foreach (var (type, property, limit) in DeclaredLimits(Assembly.Load($"Jusou.{service.DisplayName}")))
            {
                // The gateway keeps a service's schema name, or prefixes it with the service's name when another service's differs.
                var schema = schemas[type.Name] ?? schemas[service.DisplayName + type.Name];
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (schema is null)
                {
                    problems.Add($"{service.DisplayName}: {type.Name} is not in the document");
                    continue;
                }
                var maxLength = schema["properties"]?[name]?["maxLength"]?.GetValue<int>();
                if (maxLength != limit) problems.Add($"{service.DisplayName}: {type.Name}.{name} is limited to {limit} but the document says {maxLength?.ToString() ?? "nothing"}");
                checkedProperties++;
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Every service's requests declare limits: persons, plans, targets, matters, placements, the directory …
        Assert.True(checkedProperties > 100, $"only {checkedProperties} limited properties found");
    }

    [Theory]
    [InlineData("FindServices", "q", 100)]
    [InlineData("ListActionTasks", "organisationCode", 200)]
    [InlineData("ListWatchAlerts", "coordinatorId", 100)]
    public async Task A_limited_query_parameter_carries_its_limit(string operationId, string parameter, int limit)
    {
        var document = JsonNode.Parse(await system.MergedOpenApiText())!;
        var operation = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Select(o => o.Value).OfType<JsonObject>().Single(o => o["operationId"]?.GetValue<string>() == operationId);
        var schema = operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == parameter)!["schema"]!;
        Assert.Equal(limit, schema["maxLength"]!.GetValue<int>());
    }

    public static TheoryData<string, string, string, string> OverLongValues => new()
    {
        // A top-level field, a field of a record in a list, and one more service.
        { JusouRoles.IntakeWorker, "/api/intake/persons", """{"name":"山田 太郎","nameKana":"@"}""", "nameKana" },
        { JusouRoles.Coordinator, "/api/multiagency/meetings",
            """{"date":"2021-05-20","type":"support_meeting","attendees":[{"organisationCode":"tono-welfare-division","role":"secretariat","subjectId":"@"}]}""",
            "attendees[0].subjectId" },
        { JusouRoles.RightsStaff, "/api/rights/matters", """{"type":"guardianship","notes":"@"}""", "notes" },
    };

    [Theory]
    [MemberData(nameof(OverLongValues))]
    public async Task A_value_over_the_documents_maxLength_is_400_naming_the_field_and_that_limit(string role, string path, string body, string field)
    {
        var document = JsonNode.Parse(await system.MergedOpenApiText())!;
        var limit = MaxLengthOf(document, path, field);
        var client = system.Gateway(Tenants.Fresh(), role, organisation: "tono-welfare-division");

        var refused = await Post(client, path, body, new string('あ', limit + 1));
        var atTheLimit = await Post(client, path, body, new string('あ', limit));

        Assert.True(refused.Status == HttpStatusCode.BadRequest, $"expected 400, got {(int)refused.Status}: {refused.Body}");
        Assert.Equal([$"{field} must be at most {limit} characters."], refused.Body!["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(atTheLimit.Body?["errors"]?[field] is null, $"a value of exactly {limit} characters is refused: {atTheLimit.Body}");
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Post(HttpClient client, string path, string body, string value)
    {
        using var content = new StringContent(body.Replace("\"@\"", JsonSerializer.Serialize(value), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The limits the request types of a service declare: string properties a caller sends, with [MaxLength] or [StringLength].</summary>
    private static IEnumerable<(Type Type, PropertyInfo Property, int Limit)> DeclaredLimits(Assembly assembly) =>
        from type in assembly.GetTypes()
        where type.IsClass && !type.IsAbstract && type.IsPublic
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.PropertyType == typeof(string) && property.SetMethod is not null
        let limit = property.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength
        where limit is not null
        select (type, property, limit.Value);

    /// <summary>The document's maxLength of a field (<c>attendees[0].subjectId</c>) of an operation's JSON body.</summary>
    private static int MaxLengthOf(JsonNode document, string path, string field)
    {
        var schemas = document["components"]!["schemas"]!;
        JsonNode Resolve(JsonNode schema) =>
            schema["$ref"]?.GetValue<string>() is { } reference ? Resolve(schemas[reference.Split('/').Last()]!) : schema;

        var schema = Resolve(document["paths"]![path]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        foreach (var step in field.Split('.'))
        {
            var name = step.Split('[')[0];
            schema = Resolve(schema["properties"]![name]!);
            if (step.Contains('[')) schema = Resolve(schema["items"]!);
        }
        return schema["maxLength"]!.GetValue<int>();
    }
}
