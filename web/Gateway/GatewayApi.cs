using Microsoft.Extensions.Http.Resilience;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jusou.Web.SignIn;
using Microsoft.AspNetCore.Authentication;

namespace Jusou.Web.Gateway;

/// <summary>
/// The console's only way to data: the gateway's public API (Gateway:Url, resolved by service discovery; the AppHost
/// references the gateway), called with the signed-in user's access token — the same contract any departmental system
/// has. Every answer comes back as an <see cref="ApiResult{T}"/>: the value and its ETag, or the problem (RFC 7807) in
/// Japanese (<see cref="ApiProblem"/>).
/// </summary>
public sealed class GatewayApi(HttpClient http, IHttpContextAccessor context)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> Get<T>(string path) => Send<T>(HttpMethod.Get, path);

    public Task<ApiResult<T>> Post<T>(string path, object? body, string? ifMatch = null) => Send<T>(HttpMethod.Post, path, body, ifMatch);

    /// <summary>A body that is not JSON (a file as it is, e.g. text/csv), posted as given.</summary>
    public Task<ApiResult<T>> PostContent<T>(string path, HttpContent content) => Send<T>(HttpMethod.Post, path, content);

    public async Task<ApiResult<T>> Send<T>(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = await Request(method, path);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        // A repeated POST (a retry, a double click) must not record twice: the services replay the first answer.
        if (method == HttpMethod.Post) request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return new ApiResult<T>(default, null, ApiProblem.Unreachable());
        }
        using (response)
        {
            var etag = response.Headers.ETag?.ToString();
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(NoContent)
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json);
                return new ApiResult<T>(value, etag, null);
            }
            return new ApiResult<T>(default, etag, await ApiProblem.Read(response));
        }
    }

    /// <summary>An answer passed on as it is (CSV, printable HTML): the caller streams it and disposes it.</summary>
    public async Task<HttpResponseMessage> Raw(string path)
    {
        using var request = await Request(HttpMethod.Get, path);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<HttpRequestMessage> Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        var httpContext = context.HttpContext ?? throw new InvalidOperationException("The gateway is called within a request.");
        var token = await httpContext.GetTokenAsync(ConsoleSignIn.AccessToken);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("X-Purpose", "case_work");
        return request;
    }
}

/// <summary>The type of an answer without a body.</summary>
public sealed record NoContent;

public sealed record ApiResult<T>(T? Value, string? ETag, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

public static class GatewayApiSetup
{
    public static void AddGatewayApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<GatewayApi>(client => client.BaseAddress = new Uri(builder.Configuration["Gateway:Url"] ?? "http://gateway"))
            // Reads may be retried; a write is sent once (with its Idempotency-Key) and its outcome shown.
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
        builder.Services.AddSingleton<CodeTables>();
    }
}
