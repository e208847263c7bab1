using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.Tools.Demo;

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

    /// <summary>
    /// Registers the municipality's organisations in CommunityResources' directory, each with its own code (an
    /// organisation already there is left as it is), and waits until every service that checks codes knows them.
    /// </summary>
    public static async Task<int> RegisterOrganisationsAsync(HttpClient community, IEnumerable<(string Code, string Name, string Kind)> organisations,
        TimeSpan timeout)
    {
        var added = 0;
        var codes = new List<string>();
        foreach (var (code, name, kind) in organisations)
        {
            using var response = await community.PostAsJsonAsync("/api/community/organisations", new { code, name, kind });
            if (response.StatusCode == HttpStatusCode.Created) added++;
            else if (response.StatusCode != HttpStatusCode.Conflict) await Created(response); // explains and stops
            codes.Add(code);
        }
        await WaitUntilKnown(community, codes, timeout);
        return added;
    }

    /// <summary>The services that name organisations learn the directory's codes from its events: wait until each knows them.</summary>
    public static async Task WaitUntilKnown(HttpClient client, IEnumerable<string> codes, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        foreach (var code in codes)
        {
            foreach (var service in (string[])["intake", "multiagency", "participation"])
            {
                while (true)
                {
                    using var known = await client.GetAsync($"/api/{service}/organisations/{code}");
                    if (known.StatusCode == HttpStatusCode.OK) break;
                    if (DateTime.UtcNow > until) throw new TimeoutException($"{service} does not know organisation '{code}' after {timeout.TotalSeconds:F0} s");
                    await Task.Delay(100);
                }
            }
        }
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
