using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jusou.ServiceDefaults.Http;

/// <summary>An endpoint that needs If-Match (412 when stale, 428 without): its handler reads it with <see cref="ETags.TryReadIfMatch"/>.</summary>
public sealed class IfMatchMetadata;

/// <summary>An endpoint that honours Idempotency-Key (its answer is replayed for a repeat of the key; 422 for the key reused).</summary>
public sealed class IdempotencyKeyMetadata;

/// <summary>
/// The operation answers ?format=html|pdf (a printed page) and, for a report, csv (with ?encoding=) besides JSON: put on
/// the endpoint by the result types themselves (<see cref="PrintedPageResult"/>, <see cref="ReportFile"/>).
/// </summary>
public sealed record PrintedOutputMetadata(bool Csv);

/// <summary>
/// What every operation of every service may answer and which headers it reads, written into the OpenAPI document so a
/// generated client knows them: RFC 7807 problems for 401/403 (roles), 404, 412/428 (If-Match), 422 (a rule or a
/// reused Idempotency-Key), 429 and 503 (the gateway's rate limit and a service being unavailable); the headers
/// X-Correlation-Id, If-Match, Idempotency-Key, and ETag on answers of records that carry a version.
/// </summary>
public static class OpenApiContract
{
    public const string ProblemSchema = "ProblemDetails";

    /// <summary>Marks the endpoint as reading If-Match (see <see cref="ETags.TryReadIfMatch"/>).</summary>
    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new IfMatchMetadata());

    public static OpenApiOptions AddJusouContract(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 7807 problem details: what went wrong and what to do, with the ids to quote to an operator.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["rule"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The rule that refused a 422 (e.g. consent_required)." },
                },
            };
            return Task.CompletedTask;
        });
        // A TimeOnly is a local time of day ("10:00:00"); JSON Schema's format "time" is RFC 3339's full-time, which needs
        // an offset, so a validator refuses every real value. Described by its pattern instead.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // A number is described as "integer or string" with a digits pattern, because the server also reads numbers
            // sent as strings. The contract is the number: generators given the union quote its default (an int
            // declared = "14") or give up on the type.
            if (schema.Type is { } union && union.HasFlag(JsonSchemaType.String)
                && (union.HasFlag(JsonSchemaType.Integer) || union.HasFlag(JsonSchemaType.Number)))
            {
                schema.Type = union & ~JsonSchemaType.String;
                schema.Pattern = null;
            }
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type == typeof(TimeOnly) && schema.Format == "time")
            {
                schema.Format = null;
                schema.Pattern = @"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,7})?)?$";
                schema.Description ??= "A local time of day in Japan, HH:mm[:ss] (no offset).";
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var method = context.Description.HttpMethod ?? "GET";
            operation.Parameters ??= [];
            operation.Responses ??= [];
            Header(operation, "X-Correlation-Id", "Your id for this request, echoed on the answer and in the logs (one is made when absent).", required: false);
            if (metadata.OfType<IfMatchMetadata>().Any())
            {
                Header(operation, "If-Match", "The record's ETag as last read (or *): 412 when the record changed since, 428 without it.", required: true);
                Problem(operation, "412", "The record changed since it was read (If-Match does not match): read it again.");
                Problem(operation, "428", "If-Match is required: read the record and send its ETag.");
            }
            if (metadata.OfType<IdempotencyKeyMetadata>().Any())
            {
                Header(operation, "Idempotency-Key", "A key of your choosing: a repeat of the request with it replays the first answer (Idempotent-Replayed: true).", required: false);
                Problem(operation, "422", "A rule refused the request, or the Idempotency-Key was used for a different request.");
            }
            if (metadata.OfType<PrintedOutputMetadata>().FirstOrDefault() is { } printed) DeclarePrintedOutput(operation, printed.Csv);
            foreach (var (status, response) in operation.Responses)
            {
                // A record with a version answers its ETag: what If-Match sends back.
                if (status is "200" or "201" && response is OpenApiResponse ok && (method is "GET" || metadata.OfType<IfMatchMetadata>().Any()))
                {
                    ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    ok.Headers.TryAdd("ETag", new OpenApiHeader { Description = "The record's version, for If-Match (records without a version send none).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
                }
                // A 404 from a service is a problem document too.
                if (status == "404" && response is OpenApiResponse notFound && (notFound.Content is null || notFound.Content.Count == 0))
                {
                    notFound.Content = ProblemContent();
                }
            }
            if (method is "POST" or "PUT" or "PATCH" or "DELETE") Problem(operation, "409", "The record's state does not allow this now.", onlyIfDeclared: true);
            Problem(operation, "401", "No valid bearer token.");
            Problem(operation, "403", "The token's role (or organisation) may not do this.");
            Problem(operation, "429", "Too many requests (the gateway's rate limit): wait for Retry-After.");
            Problem(operation, "503", "The service is unavailable for a moment: retry after Retry-After (with the same Idempotency-Key).");
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>The 200 answer's other content types, and the format (and encoding) parameters' values.</summary>
    private static void DeclarePrintedOutput(OpenApiOperation operation, bool csv)
    {
        if (!operation.Responses!.TryGetValue("200", out var existing) || existing is not OpenApiResponse ok)
        {
            ok = new OpenApiResponse { Description = "OK" };
            operation.Responses["200"] = ok;
        }
        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        if (csv) ok.Content.TryAdd("text/csv", new OpenApiMediaType { Schema = text });
        ok.Content.TryAdd("text/html", new OpenApiMediaType { Schema = text });
        ok.Content.TryAdd("application/pdf", new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });
        QueryValues(operation, "format", csv ? ReportSheet.Formats : PrintablePage.Formats);
        if (csv) QueryValues(operation, "encoding", ReportSheet.Encodings);
    }

    /// <summary>The values a query parameter takes, as its enum and, when it has none, its description.</summary>
    private static void QueryValues(OpenApiOperation operation, string name, IReadOnlyDictionary<string, string> values)
    {
        if (operation.Parameters!.FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Query) is not OpenApiParameter parameter) return;
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Keys.Select(v => (System.Text.Json.Nodes.JsonNode)v!)] };
        parameter.Description ??= string.Join(", ", values.Select(v => $"{v.Key}: {v.Value}"));
    }

    private static void Header(OpenApiOperation operation, string name, string description, bool required)
    {
        if (operation.Parameters!.Any(p => p.Name == name && p.In == ParameterLocation.Header)) return;
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = required, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void Problem(OpenApiOperation operation, string status, string description, bool onlyIfDeclared = false)
    {
        if (operation.Responses!.TryGetValue(status, out var existing))
        {
            if (existing is OpenApiResponse declared && (declared.Content is null || declared.Content.Count == 0)) declared.Content = ProblemContent();
            return;
        }
        if (onlyIfDeclared) return;
        operation.Responses[status] = new OpenApiResponse { Description = description, Content = ProblemContent() };
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent() => new()
    {
        ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema) },
    };
}
