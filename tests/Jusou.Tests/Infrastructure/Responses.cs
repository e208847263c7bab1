using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// The one vocabulary every system test calls the API with: send a request (If-Match, Idempotency-Key), expect a
/// status and read its JSON, read a property. Each service's client (e.g. Intake/IntakeClient.cs) adds only the calls of
/// its own API on top.
/// </summary>
public static class Responses
{
    /// <summary>The body as JSON, after asserting the status (the message names the request and shows the body).</summary>
    public static async Task<JsonObject> Expect(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static Task<JsonObject> CreatedObject(this HttpResponseMessage response) => response.Expect(HttpStatusCode.Created);

    public static Task<JsonObject> OkObject(this HttpResponseMessage response) => response.Expect(HttpStatusCode.OK);

    public static async Task<JsonArray> OkArray(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>GET <paramref name="path"/>, expecting 200.</summary>
    public static async Task<JsonObject> Read(this HttpClient client, string path) => await (await client.GetAsync(path)).OkObject();

    /// <summary>The ETag of the record at <paramref name="path"/> now.</summary>
    public static async Task<string> CurrentETag(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await response.OkObject();
        return response.ETagOf();
    }

    public static string ETagOf(this HttpResponseMessage response)
    {
        var etag = response.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag), "the response carries an ETag");
        return etag!;
    }

    /// <summary>A request with a JSON body, If-Match when <paramref name="etag"/> is given and an Idempotency-Key when a key is.</summary>
    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, object body, string? etag = null,
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Api.Json) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string path, object body, string? idempotencyKey = null) =>
        client.Send(HttpMethod.Post, path, body, idempotencyKey: idempotencyKey);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string path, object body, string? etag) =>
        client.Send(HttpMethod.Put, path, body, etag);

    /// <summary>A request with If-Match, the ETag read from <paramref name="etagFrom"/> just before.</summary>
    public static async Task<HttpResponseMessage> SendIfMatch(this HttpClient client, HttpMethod method, string path, object body, string etagFrom) =>
        await client.Send(method, path, body, await client.CurrentETag(etagFrom));

    /// <summary>A POST of JSON text as given (to send what a serializer would not: malformed or unexpected JSON).</summary>
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>An RFC 7807 problem with <paramref name="status"/>, naming <paramref name="field"/> among its errors when given.</summary>
    public static async Task AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var errors = JsonNode.Parse(body)!["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field), $"the problem names '{field}': {body}");
        }
    }

    public static Guid Id(this JsonObject json, string property = "id") => json[property]!.GetValue<Guid>();

    public static string Text(this JsonObject json, string property) => json[property]!.GetValue<string>();

    /// <summary>The objects of an array property (a page's "items" unless named).</summary>
    public static IReadOnlyList<JsonObject> Items(this JsonObject json, string property = "items") =>
        json[property]!.AsArray().Select(i => i!.AsObject()).ToList();

    public static IReadOnlyList<string> Strings(this JsonNode? array) => array!.AsArray().Select(i => i!.GetValue<string>()).ToList();
}
