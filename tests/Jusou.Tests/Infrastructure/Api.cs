using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jusou.Tests.Infrastructure;

/// <summary>Small helpers for calling the JSON API the way a departmental system would.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonObject> ReadObject(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<Guid> ReferConsultation(this HttpClient client, string sharingRule = "support_meeting",
        string mainConcern = "8050")
    {
        var response = await client.PostAsJsonAsync("/api/intake/consultations", new
        {
            channel = "counter",
            mainConcern,
            summary = "父親の介護と息子のひきこもりについて相談",
            disposition = "multi_agency",
            sharingRule,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObject())["id"]!.GetValue<Guid>();
    }

    /// <summary>The support case MultiAgency opened for a consultation, once it exists.</summary>
    public static async Task<JsonObject?> FindCase(this HttpClient client, Guid consultationId)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/multiagency/cases?consultationId={consultationId}");
        var items = page!["items"]!.AsArray();
        return items.Count == 0 ? null : items[0]!.AsObject();
    }
}
