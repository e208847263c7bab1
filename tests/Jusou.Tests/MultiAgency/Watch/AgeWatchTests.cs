using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Watch;

/// <summary>
/// The age rules of the 制度切れ watch across two services: MultiAgency owns the rules, Intake (which alone holds birth
/// dates) evaluates them for persons referred to 多機関協働, MultiAgency raises the alert on the person's case.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AgeWatchTests(SystemFixture system)
{
    [Fact]
    public async Task A_person_turning_65_within_the_window_raises_exactly_one_alert_whatever_rescans_and_rule_saves_follow()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var birthDate = WatchClient.BirthDateReaching(65, days: 30);
        var (personId, caseId) = await system.ReferPerson(tenant, birthDate);

        var alert = (await Eventually.Get(async () => (await coordinator.AlertList($"caseId={caseId}&mine=false")).FirstOrDefault(),
            WatchClient.EventTimeout, "the age alert")).AsObject();
        Assert.Equal("age_threshold", alert["rule"]!.GetValue<string>());
        Assert.Equal(WatchClient.ReachesOn(birthDate, 65), DateOnly.Parse(alert["dueOn"]!.GetValue<string>()));
        Assert.Equal("open", alert["status"]!.GetValue<string>());
        Assert.Equal(personId, alert["personId"]!.GetValue<Guid>());

        // Everything that could raise it again: a scan here, a rules save (Intake re-evaluates everyone), another scan.
        Assert.Equal(0, (await coordinator.Scan())["ageThreshold"]!.GetValue<int>());
        await system.SaveRules(tenant, [18, 40, 65], ageWindowDays: 91);
        await system.SaveRules(tenant, [65], ageWindowDays: 92);
        Assert.Equal(0, (await coordinator.Scan())["total"]!.GetValue<int>());

        Assert.Equal(1, await system.Alerts(caseId));
        Assert.Equal(1, await system.AgeEvents(personId));
        Assert.Equal(1, await system.RaisedEvents(caseId));
    }

    [Fact]
    public async Task A_person_turning_65_outside_the_window_raises_none_until_the_window_reaches_them()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var (laterPerson, laterCase) = await system.ReferPerson(tenant, WatchClient.BirthDateReaching(65, days: 200));
        var (soonPerson, soonCase) = await system.ReferPerson(tenant, WatchClient.BirthDateReaching(65, days: 30));
        // The pipeline works in this tenant…
        await Eventually.True(async () => await system.Alerts(soonCase) == 1, WatchClient.EventTimeout, "the alert of the person inside the window");

        // …and a save of the default rules has Intake evaluate every watched person, the later one included.
        await system.SaveRules(tenant, [18, 40, 65], ageWindowDays: 90);
        Assert.Equal(0, (await coordinator.Scan())["total"]!.GetValue<int>());
        Assert.Equal(0, await system.AgeEvents(laterPerson));
        Assert.Equal(0, await system.Alerts(laterCase));

        // Widening the window brings them in: the rule is really evaluated, not merely silent.
        await system.SaveRules(tenant, [18, 40, 65], ageWindowDays: 250);
        await Eventually.True(async () => await system.Alerts(laterCase, "age_threshold") == 1, WatchClient.EventTimeout, "the alert after widening");
        Assert.Equal(1, await system.AgeEvents(soonPerson));
        Assert.Equal(1, await system.AgeEvents(laterPerson));
    }

    [Fact]
    public async Task No_event_Intake_sends_carries_a_birth_date()
    {
        var tenant = Tenants.Fresh();
        var birthDate = WatchClient.BirthDateReaching(18, days: 10);
        var (personId, caseId) = await system.ReferPerson(tenant, birthDate);
        await Eventually.True(async () => await system.Alerts(caseId) == 1, WatchClient.EventTimeout, "the age alert");

        var ageEvents = await Sql.Strings(system, "intakedb",
            "SELECT payload::text FROM outbox_messages WHERE tenant_code = $1 AND event_type = 'Jusou.Contracts.Intake.AgeThresholdApproaching'", tenant);
        var payload = Assert.Single(ageEvents);
        Assert.Contains(personId.ToString(), payload);
        Assert.Contains("\"Threshold\": 18", payload);

        var everything = await Sql.Strings(system, "intakedb", "SELECT payload::text FROM outbox_messages WHERE tenant_code = $1", tenant);
        Assert.True(everything.Count >= 2, "the referral and the age events are there to inspect");
        foreach (var message in everything)
        {
            Assert.DoesNotContain(birthDate.ToString("yyyy-MM-dd"), message);
            Assert.DoesNotContain("Birth", message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("遠野", message);
        }
    }
}
