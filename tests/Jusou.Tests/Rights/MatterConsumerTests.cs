using System.Net.Http.Json;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>Matters opened by events on the real broker: rights actions of approved plans, and Intake's referrals.</summary>
[Collection(SystemCollection.Name)]
public sealed class MatterConsumerTests(SystemFixture system)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_rights_action_in_an_approved_plan_opens_one_matter_through_the_bus()
    {
        var tenant = Tenants.Fresh();
        var caseId = Guid.CreateVersion7();
        var planId = Guid.CreateVersion7();
        var personId = Guid.CreateVersion7();
        var rights = new SupportPlanActionApproved(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, caseId, planId, Guid.CreateVersion7(),
            "rights", "kamiina-guardianship-centre", null, personId, "ina-takato", ["rights_capacity"], "consent");
        var participation = rights with { EventId = Guid.CreateVersion7(), ActionId = Guid.CreateVersion7(), Kind = "participation" };
        var reapproved = rights with { EventId = Guid.CreateVersion7() }; // the same action in a later approval

        await system.Publish(participation, rights, rights /* a redelivery */, reapproved);

        var staff = system.Staff(tenant);
        var matter = await Eventually.Get(async () => (await staff.Read($"{RightsClient.Matters}?supportCaseId={caseId}")).Items().FirstOrDefault(),
            Wait, "the plan action's matter");
        Assert.Equal("consultation", matter.Text("stage"));
        Assert.Equal("plan_action", matter.Text("source"));
        Assert.Equal(rights.ActionId, matter.Id("sourceId"));
        Assert.Equal(personId, matter.Id("personId"));
        Assert.Equal("kamiina-guardianship-centre", matter.Text("organisationCode"));
        Assert.Equal("undecided", matter.Text("type"));

        // Every copy was handled (the inbox has them all) and still there is one matter, announced once.
        await Eventually.True(async () => await Sql.Count(system, RightsClient.Database,
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", new[] { participation.EventId, rights.EventId, reapproved.EventId }) == 3,
            Wait, "all three messages consumed");
        Assert.Equal(1, await system.Rows("guardianship_matters", tenant));
        Assert.Equal(1, await system.Events(tenant, "GuardianshipMatterOpened"));
        // Every RightsAdvocacy event about a support case is an ISupportCaseActivity.
        Assert.Single(await Events.PublishedAny(system, RightsClient.Database,
            e => e.TenantCode == tenant && e is ISupportCaseActivity activity && activity.SupportCaseId == caseId));
    }

    [Fact]
    public async Task A_consultation_referred_to_rights_advocacy_opens_a_matter()
    {
        var tenant = Tenants.Fresh();
        var referral = new ConsultationReferredToRightsAdvocacy(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "rights_capacity", "consent");

        var again = referral with { EventId = Guid.CreateVersion7() };
        await system.Publish(referral, again);

        var staff = system.Staff(tenant);
        var matter = await Eventually.Get(async () => (await staff.Read(RightsClient.Matters)).Items().FirstOrDefault(), Wait, "the referral's matter");
        Assert.Equal("consultation", matter.Text("source"));
        Assert.Equal(referral.ConsultationId, matter.Id("sourceId"));
        Assert.Equal(referral.PersonId, matter.Id("personId"));
        Assert.Null(matter["supportCaseId"]);
        await Eventually.True(async () => await Sql.Count(system, RightsClient.Database,
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", new[] { referral.EventId, again.EventId }) == 2,
            Wait, "both copies consumed");
        Assert.Equal(1, await system.Rows("guardianship_matters", tenant));
    }

    [Fact]
    public async Task After_intake_merges_two_records_of_a_person_matters_and_contracts_follow_the_survivor()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var merged = Guid.CreateVersion7();
        var survivor = Guid.CreateVersion7();
        var (matter, _) = await staff.NewMatter(new { personId = merged });
        var contract = await (await staff.PostAsJsonAsync(RightsClient.Contracts,
            new { services = new[] { "document_safekeeping" }, specialist = "専門員A", personId = merged })).CreatedObject();
        await system.Staff(Tenants.Fresh()).NewMatter(new { personId = merged }); // another tenant's person with the same id is not ours

        await system.Publish(new PersonsMerged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, merged, survivor));

        await Eventually.True(async () => (await staff.Read($"{RightsClient.Matters}/{matter.Id()}")).Id("personId") == survivor,
            Wait, "the matter to follow the survivor");
        Assert.Equal(survivor, (await staff.Read($"{RightsClient.Contracts}/{contract.Id()}")).Id("personId"));
        Assert.Equal(1, await Sql.Count(system, RightsClient.Database,
            "SELECT count(*) FROM guardianship_matters WHERE person_id = $1 AND tenant_code <> $2", merged, tenant));
    }
}
