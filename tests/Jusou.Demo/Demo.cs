using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.Demo;

/// <summary>
/// Signs in to the gateway as the people of a municipality (a development token per role) and offers the small
/// steps every data set needs: create and expect 201, wait for an event to have crossed the bus.
/// </summary>
public sealed class Demo(Uri gateway, string signingKey)
{
    public HttpClient As(string tenant, string role, string? organisation = null, string? subject = null)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Mint(signingKey, tenant, role, organisation, subject, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>The id of what a POST created; anything but 201 stops the load with the server's explanation.</summary>
    public static async Task<Guid> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    /// <summary>The support case MultiAgency opened for a referred consultation, once the referral has crossed the bus.</summary>
    public static async Task<Guid> WaitForCase(HttpClient coordinator, Guid consultationId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var page = await coordinator.GetFromJsonAsync<JsonObject>($"/api/multiagency/cases?consultationId={consultationId}");
            if (page!["items"]!.AsArray() is [{ } found, ..]) return found["id"]!.GetValue<Guid>();
            if (DateTime.UtcNow > until) throw new TimeoutException($"no support case for consultation {consultationId} after {timeout.TotalSeconds:F0} s");
            await Task.Delay(100);
        }
    }
}
