using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.CommunityResources;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Participation;

/// <summary>Opportunities (参加の場): registered here, or kept up to date from CommunityResources' directory events.</summary>
[Collection(SystemCollection.Name)]
public sealed class OpportunityTests(SystemFixture system)
{
    [Fact]
    public async Task A_coordinator_registers_an_opportunity_and_replaces_its_details_only_with_the_current_version()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var created = await coordinator.PostAsJsonAsync(ParticipationClient.Opportunities, ParticipationClient.OpportunityBody());
        var opportunity = await created.CreatedObject();
        var id = opportunity.Id();
        Assert.Equal($"/api/participation/opportunities/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("local", opportunity.Text("source"));
        Assert.Equal("short_work", opportunity.Text("kind"));
        Assert.Equal("ina-farm", opportunity.Text("hostOrganisationCode"));
        Assert.Equal(3, opportunity["capacity"]!.GetValue<int>());
        Assert.Equal(0, opportunity["currentUse"]!.GetValue<int>());
        Assert.True(opportunity["open"]!.GetValue<bool>());
        Assert.Equal(["tue", "thu"], opportunity["days"].Strings());

        var read = await coordinator.GetAsync($"{ParticipationClient.Opportunities}/{id}");
        var etag = read.ETagOf();
        var change = ParticipationClient.OpportunityBody(kind: "work_experience", capacity: 5, days: ["mon"]);
        await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}", change, null))
            .AssertProblem(HttpStatusCode.PreconditionRequired);
        await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}", change, "\"12345\""))
            .AssertProblem(HttpStatusCode.PreconditionFailed);
        var updated = await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}", change, etag)).OkObject();
        Assert.Equal("work_experience", updated.Text("kind"));
        Assert.Equal(5, updated["capacity"]!.GetValue<int>());
        Assert.Equal(["mon"], updated["days"].Strings());
        // The version read before the change is now stale.
        await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}", change, etag))
            .AssertProblem(HttpStatusCode.PreconditionFailed);

        var page = await coordinator.Read($"{ParticipationClient.Opportunities}?kind=work_experience&open=true");
        Assert.Equal(id, Assert.Single(page.Items()).Id());
        Assert.Equal(1, await system.AuditRows(tenant, id, "update"));
    }

    [Fact]
    public async Task An_invalid_opportunity_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var response = await coordinator.PostAsJsonAsync(ParticipationClient.Opportunities,
            ParticipationClient.OpportunityBody(kind: "karaoke", capacity: 0, days: ["someday"]));
        await response.AssertProblem(HttpStatusCode.BadRequest, "kind");
        var errors = (await response.ReadObject())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("capacity") && errors.ContainsKey("days"));
        Assert.Equal(0, await system.Rows("opportunities", tenant));
        // Unknown fields are rejected too.
        await (await coordinator.PostAsJsonAsync(ParticipationClient.Opportunities, new { kind = "ibasho", hostOrganisationCode = "x", colour = "blue" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(0, await system.Rows("opportunities", tenant));
    }

    [Fact]
    public async Task Only_coordinators_register_opportunities_and_another_tenant_sees_none_of_them()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var id = await system.Coordinator(tenant).NewOpportunityId();
        await (await system.Gateway(tenant, JusouRoles.IntakeWorker).PostAsJsonAsync(ParticipationClient.Opportunities, ParticipationClient.OpportunityBody()))
            .AssertStatus(HttpStatusCode.Forbidden);
        await (await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync(ParticipationClient.Opportunities, ParticipationClient.OpportunityBody()))
            .AssertStatus(HttpStatusCode.Forbidden);
        await (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync(ParticipationClient.Opportunities)).AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(1, await system.Rows("opportunities", tenant));

        var stranger = system.Coordinator(await system.FreshTenantWith(ParticipationClient.Hosts));
        await (await stranger.GetAsync($"{ParticipationClient.Opportunities}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty((await stranger.Read(ParticipationClient.Opportunities)).Items());
        await (await stranger.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}", ParticipationClient.OpportunityBody(), "\"1\""))
            .AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Participation_capable_directory_services_become_opportunities_kept_up_to_date_and_closed_when_withdrawn()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var serviceId = Guid.CreateVersion7();
        const string organisationCode = "takato-farm";
        await system.RegisterOrganisationsAsync(tenant, organisationCode);
        var published = new CommunityServicePublished(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, serviceId, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "takato", ["participation", "ibasho"], true, 2, false, 1, organisationCode);
        var notForParticipation = published with { EventId = Guid.CreateVersion7(), ServiceId = Guid.CreateVersion7(), ParticipationCapable = false };
        await system.Publish(published, published /* a redelivery */, notForParticipation);

        var opportunity = await coordinator.OpportunityFrom(serviceId);
        Assert.Equal("community", opportunity.Text("source"));
        Assert.Equal("ibasho", opportunity.Text("kind"));
        Assert.Equal(organisationCode, opportunity.Text("hostOrganisationCode"));
        Assert.Equal("takato", opportunity.Text("districtCode"));
        Assert.Equal(2, opportunity["capacity"]!.GetValue<int>());
        Assert.True(opportunity["open"]!.GetValue<bool>());
        await system.Handled("CommunityServicePublishedConsumer", notForParticipation.EventId);
        Assert.Equal(1, await system.Rows("opportunities", tenant));

        // A newer version changes it; an older one arriving late changes nothing.
        var newer = published with { EventId = Guid.CreateVersion7(), Capacity = 4, AreaCode = "ina-centre", Version = 3 };
        var older = published with { EventId = Guid.CreateVersion7(), Capacity = 9, Version = 2 };
        await system.Publish(newer, older);
        await system.Handled("CommunityServicePublishedConsumer", older.EventId);
        opportunity = await coordinator.OpportunityFrom(serviceId, o => o["capacity"]!.GetValue<int>() == 4);
        Assert.Equal("ina-centre", opportunity.Text("districtCode"));

        // Directory-owned details cannot be changed here; the coordinator's own ones can.
        var id = opportunity.Id();
        var etag = (await coordinator.GetAsync($"{ParticipationClient.Opportunities}/{id}")).ETagOf();
        await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}",
                ParticipationClient.OpportunityBody(kind: "ibasho", host: organisationCode, district: "ina-centre", capacity: 10, paid: false), etag))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);
        var local = await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{id}",
                ParticipationClient.OpportunityBody(kind: "volunteer", host: organisationCode, district: "ina-centre", capacity: 4, paid: false,
                    days: ["wed"]), etag)).OkObject();
        Assert.Equal("volunteer", local.Text("kind"));
        Assert.Equal(["wed"], local["days"].Strings());

        // Withdrawn in the directory: closed to new placements.
        await system.Publish(new CommunityServiceWithdrawn(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, serviceId, 4));
        opportunity = await coordinator.OpportunityFrom(serviceId, o => !o["open"]!.GetValue<bool>());
        Assert.Equal("withdrawn", opportunity.Text("closedReason"));
        var requestId = await coordinator.NewRequestId();
        await (await coordinator.Place(requestId, id)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await system.Rows("placements", tenant));
        Assert.DoesNotContain((await coordinator.Matches(requestId))["candidates"]!.AsArray(), c => c!["opportunity"]!["id"]!.GetValue<Guid>() == id);

        // A later version no longer marked participation-capable keeps it closed, for that reason.
        await system.Publish(published with { EventId = Guid.CreateVersion7(), ParticipationCapable = false, Version = 5 });
        await coordinator.OpportunityFrom(serviceId, o => o["closedReason"]?.GetValue<string>() == "not_participation_capable");
    }
}
