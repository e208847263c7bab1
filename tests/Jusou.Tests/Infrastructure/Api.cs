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

    /// <summary>
    /// Records a consultation referred to 多機関協働. Under "consent" it first records a person and their consent to
    /// referral, as the consent rule requires; under "support_meeting" the consultation stays anonymous.
    /// </summary>
    public static async Task<Guid> ReferConsultation(this HttpClient client, string sharingRule = "support_meeting",
        string mainConcern = "8050")
    {
        Guid? personId = null;
        if (sharingRule == "consent")
        {
            personId = await client.CreatePerson("遠野 花子", "トオノ ハナコ", new DateOnly(1950, 4, 1));
            var consent = await client.PostAsJsonAsync($"/api/intake/persons/{personId}/consents", new
            {
                organisationCodes = new[] { "*" },
                purposes = new[] { "referral", "information_sharing" },
                wordingVersion = "test-2026-04",
                givenOn = "2026-11-01",
                method = "signed_form",
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, consent.StatusCode);
        }
        var response = await client.PostAsJsonAsync("/api/intake/consultations", new
        {
            channel = "counter",
            mainConcern,
            summary = "父親の介護と息子のひきこもりについて相談",
            personId,
            disposition = "multi_agency",
            sharingRule,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObject())["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> CreatePerson(this HttpClient client, string name, string nameKana, DateOnly? birthDate = null)
    {
        var response = await client.PostAsJsonAsync("/api/intake/persons", new { name, nameKana, birthDate });
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
