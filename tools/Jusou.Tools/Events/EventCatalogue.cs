using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Xml.Linq;
using Jusou.Contracts;

namespace Jusou.Tools.Events;

/// <summary>
/// The catalogue of integration events for integrators: an AsyncAPI 3.0 document and one JSON Schema per event,
/// generated from services/Contracts (types and doc comments), so it cannot drift from what the services publish.
/// Integrators bind to the topic exchange <see cref="EventNames.Exchange"/> by routing key (<see cref="EventNames"/>).
/// </summary>
public static class EventCatalogue
{
    public const string ContentType = "application/vnd.masstransit+json";

    /// <summary>Every concrete integration event, in a stable order.</summary>
    public static IReadOnlyList<Type> Events => EventNames.Events;

    /// <summary>
    /// The routing key on <see cref="EventNames.Exchange"/>, with the tenant as the AsyncAPI parameter
    /// <c>{tenantCode}</c>: <c>{tenantCode}.intake.consultation-referred.v1</c>.
    /// </summary>
    public static string RoutingKeyOf(Type e) => $"{{tenantCode}}.{EventNames.Of(e)}";

    /// <summary>The type name in MassTransit's envelope (<c>messageType</c>); a consumer dispatches on the routing key instead.</summary>
    public static string MessageTypeOf(Type e) => $"urn:message:{e.Namespace}:{e.Name}";

    // MassTransit's System.Text.Json serializer writes camelCase names, as the web defaults do.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };
    private static readonly Lazy<DocComments> Docs = new(DocComments.Load);

    /// <summary>The JSON Schema (draft 2020-12) of the event's message body.</summary>
    public static JsonObject SchemaOf(Type e)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (node is JsonObject property && context.PropertyInfo?.AttributeProvider is PropertyInfo clr &&
                    Docs.Value.Property(e, clr) is { } description)
                {
                    property.Insert(0, "description", description);
                }
                return node;
            },
        };
        var body = JsonSchemaExporter.GetJsonSchemaAsNode(Json, e, exporterOptions).AsObject();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"urn:jusou:event-schema:{EventNames.Of(e)}",
            ["title"] = e.Name,
            ["description"] = Docs.Value.Type(e) ?? e.Name,
            ["x-routing-key"] = RoutingKeyOf(e),
            ["x-message-type"] = MessageTypeOf(e),
        };
        foreach (var (key, value) in body) schema[key] = value?.DeepClone();
        schema["examples"] = new JsonArray(ExampleOf(e));
        return schema;
    }

    /// <summary>An example message body: plausible codes, the Tono tenant, ids stable across runs.</summary>
    public static JsonObject ExampleOf(Type e)
    {
        var example = new JsonObject();
        foreach (var property in e.GetProperties())
        {
            example[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = ExampleValue(e, property);
        }
        return example;
    }

    private static JsonNode? ExampleValue(Type e, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(Guid)) return StableGuid($"{e.Name}.{property.Name}").ToString();
        if (type == typeof(DateTimeOffset)) return "2026-04-01T00:30:00+00:00";
        if (type == typeof(DateOnly)) return "2026-06-30";
        if (type == typeof(int) || type == typeof(long)) return 1;
        if (type == typeof(bool)) return true;
        if (type == typeof(string)) return property.Name == nameof(IIntegrationEvent.TenantCode) ? "032085" : ExampleCode(property.Name);
        if (type.IsAssignableTo(typeof(System.Collections.IEnumerable)))
        {
            var item = type.IsGenericType ? type.GetGenericArguments()[0] : typeof(string);
            return item == typeof(int) ? new JsonArray(18, 40, 65) : new JsonArray(ExampleCode(property.Name));
        }
        throw new InvalidOperationException($"No example for {e.Name}.{property.Name} of type {type.Name}: add one.");
    }

    // Codes that read like the real ones, so an integrator's first test message looks familiar.
    private static string ExampleCode(string property) => property switch
    {
        "SharingRule" => "consent",
        "Track" or "ToTrack" => "consented",
        "FromTrack" => "support_meeting",
        "MainConcern" => "social_isolation",
        "ReferralRoute" => "marugoto_counsellor",
        "HouseholdType" => "single_under_65",
        "Kind" => "participation",
        "Status" => "accepted",
        "FromStatus" => "received",
        "Disposition" => "advice_closed",
        "Channel" => "counter",
        "RiskLevel" => "medium",
        "ReporterKind" => "minsei_iin",
        "Source" => "concern_report",
        "Method" => "visit",
        "Outcome" => "met",
        "Stage" => "petitioned",
        "FromStage" => "preparing",
        "Type" => "guardianship",
        "Petitioner" => "mayor",
        "Rule" => "age_threshold",
        _ => "code",
    };

#pragma warning disable CA5351 // example ids stable across runs, not a security measure
    private static Guid StableGuid(string seed) => new(MD5.HashData(Encoding.UTF8.GetBytes(seed)));
#pragma warning restore CA5351

    /// <summary>
    /// The AsyncAPI 3.0 document: one channel per event (its routing key on the topic exchange, the tenant a
    /// parameter), one "send" operation per event (Jusou publishes; an integrator binds its own queue), each message
    /// with the MassTransit envelope around the event body.
    /// </summary>
    public static JsonObject AsyncApi()
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { ["MassTransitEnvelope"] = Envelope() };
        foreach (var e in Events)
        {
            var channel = e.Name;
            var schema = SchemaOf(e);
            schema.Remove("$schema");
            schema.Remove("$id");
            schemas[e.Name] = schema;
            messages[e.Name] = new JsonObject
            {
                ["name"] = e.Name,
                ["title"] = e.Name,
                ["summary"] = Docs.Value.Type(e) ?? e.Name,
                ["contentType"] = ContentType,
                ["payload"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = "#/components/schemas/MassTransitEnvelope" },
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["messageType"] = new JsonObject { ["type"] = "array", ["contains"] = new JsonObject { ["const"] = MessageTypeOf(e) } },
                                ["message"] = new JsonObject { ["$ref"] = $"#/components/schemas/{e.Name}" },
                            },
                        }),
                },
                ["examples"] = new JsonArray(new JsonObject
                {
                    ["name"] = e.Name,
                    ["payload"] = new JsonObject
                    {
                        ["messageId"] = StableGuid($"{e.Name}.message").ToString(),
                        ["messageType"] = new JsonArray(MessageTypeOf(e)),
                        ["sentTime"] = "2026-04-01T00:30:00.1+00:00",
                        ["message"] = ExampleOf(e),
                    },
                }),
            };
            channels[channel] = new JsonObject
            {
                ["address"] = RoutingKeyOf(e),
                ["title"] = $"{e.Name} ({EventNames.ServiceOf(e)})",
                ["parameters"] = new JsonObject { ["tenantCode"] = new JsonObject { ["$ref"] = "#/components/parameters/tenantCode" } },
                ["messages"] = new JsonObject { [e.Name] = new JsonObject { ["$ref"] = $"#/components/messages/{e.Name}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = EventNames.Exchange, ["type"] = "topic", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[$"publish{e.Name}"] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{channel}" },
                ["summary"] = $"{EventNames.ServiceOf(e)} publishes {e.Name}.",
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{channel}/messages/{e.Name}" }),
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Jusou (重層) integration events",
                ["version"] = "1.0.0",
                ["description"] = "Events the six Jusou services publish on RabbitMQ (MassTransit 8 JSON envelope). Ids, codes, dates, " +
                                  $"counts and the tenant only: no names or free text. Every event reaches the topic exchange `{EventNames.Exchange}` " +
                                  "with the routing key `{tenantCode}.{service}.{event}.v{n}`; bind your own queue with your municipality's " +
                                  "code in front (`032085.#` for all of 遠野市's events), using the broker account issued for your municipality, " +
                                  "which may bind no other code (see docs/events/README.md). Fields are only ever added; a breaking change is a new event (.v2).",
            },
            ["defaultContentType"] = ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = "localhost:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0-9-1",
                    ["description"] = "The broker the AppHost runs (the dashboard shows its address; ./jusou up prints it).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = schemas,
                ["parameters"] = new JsonObject
                {
                    ["tenantCode"] = new JsonObject
                    {
                        ["description"] = "全国地方公共団体コード of the municipality (six digits with its check digit). Your broker account may bind only its own.",
                        ["examples"] = new JsonArray("032085", "202096"),
                    },
                },
            },
        };
    }

    private static JsonObject Envelope() => new()
    {
        ["type"] = "object",
        ["description"] = "MassTransit's JSON envelope. The event itself is in `message`; `messageId` equals the event's id, so a consumer can de-duplicate on it.",
        ["required"] = new JsonArray("messageId", "messageType", "message"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["correlationId"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["conversationId"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["sourceAddress"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["destinationAddress"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object" },
            ["host"] = new JsonObject { ["type"] = "object" },
            ["message"] = new JsonObject { ["type"] = "object" },
        },
    };

    /// <summary>The catalogue as files: asyncapi.json and schemas/&lt;Event&gt;.json, as checked in under docs/events.</summary>
    public static IReadOnlyDictionary<string, string> Files()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["asyncapi.json"] = Write(AsyncApi()) };
        foreach (var e in Events) files[$"schemas/{e.Name}.json"] = Write(SchemaOf(e));
        return files;
    }

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Japanese readable
    };

    public static string Write(JsonNode node) => node.ToJsonString(Pretty) + "\n";

    /// <summary>Summaries and parameter descriptions from the Contracts assembly's XML documentation.</summary>
    private sealed class DocComments(XDocument? xml)
    {
        public static DocComments Load()
        {
            var path = Path.ChangeExtension(typeof(IIntegrationEvent).Assembly.Location, ".xml");
            return new DocComments(File.Exists(path) ? XDocument.Load(path) : null);
        }

        private XElement? Member(string id) =>
            xml?.Root?.Element("members")?.Elements("member").FirstOrDefault(m => (string?)m.Attribute("name") == id);

        public string? Type(Type e) => Text(Member($"T:{e.FullName}")?.Element("summary"));

        public string? Property(Type e, PropertyInfo property)
        {
            // Positional records document their fields as <param> of the type; the common fields are on IIntegrationEvent.
            var param = Member($"T:{e.FullName}")?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == property.Name);
            return Text(param)
                   ?? Text(Member($"P:{typeof(IIntegrationEvent).FullName}.{property.Name}")?.Element("summary"))
                   ?? Text(Member($"P:{typeof(Jusou.Contracts.MultiAgency.ISupportCaseActivity).FullName}.{property.Name}")?.Element("summary"));
        }

        private static string? Text(XElement? element)
        {
            if (element is null) return null;
            // <see cref="T:Ns.Type"/> reads as "Type".
            var text = string.Concat(element.Nodes().Select(node => node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" } see => ((string?)see.Attribute("cref"))?.Split('.', ':').Last() ?? see.Value,
                XElement other => other.Value,
                _ => "",
            }));
            return string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
