using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Meetings;

/// <summary>Meetings (会議): recording them, the 支援会議's confidentiality, If-Match on every change, tenants and roles.</summary>
[Collection(SystemCollection.Name)]
public sealed class MeetingTests(SystemFixture system)
{
    private const string Meetings = MeetingClient.Meetings;

    [Fact]
    public async Task A_support_meeting_is_recorded_with_streams_defaulting_from_each_cases_track()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var withoutConsent = await system.OpenCase(tenant, "support_meeting");
        var withConsent = await system.OpenCase(tenant, "consent");
        var coordinator = system.Coordinator(tenant);

        var response = await coordinator.PostAsJsonAsync(Meetings, new
        {
            date = "2021-05-20",
            type = "support_meeting",
            minutes = "第1回 ケース共有会議",
            attendees = new object[] { new { organisationCode = MeetingClient.Secretariat, role = "secretariat", subjectId = "coordinator-1" } },
            items = new object[]
            {
                new { caseId = withoutConsent, decision = "to_outreach", note = "民生委員と訪問" },
                new { caseId = withConsent },
            },
        });

        var meeting = await response.CreatedObject();
        var id = meeting.Id();
        Assert.Equal($"{Meetings}/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        var items = meeting["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i.Id("caseId"));
        Assert.Equal("case_sharing", items[withoutConsent].Text("stream"));
        Assert.Equal("to_outreach", items[withoutConsent].Text("decision"));
        Assert.Equal("multi_agency", items[withConsent].Text("stream"));
        Assert.Null(items[withConsent]["decision"]);

        var read = await (await coordinator.GetAsync($"{Meetings}/{id}")).OkObject();
        Assert.Equal("第1回 ケース共有会議", read.Text("minutes"));
        Assert.Equal("2021-05-20", read.Text("date"));
        Assert.Equal("民生委員と訪問", read["items"]!.AsArray().Single(i => i!["caseId"]!.GetValue<Guid>() == withoutConsent)!["note"]!.GetValue<string>());
        Assert.Equal(1, await system.Audits(tenant, id, "create", "support_meeting"));
        Assert.Equal(1, await system.Audits(tenant, id, "read", "support_meeting"));

        // Each case's timeline shows the discussion and its decision, as codes.
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM case_timeline WHERE case_id = $1 AND kind = 'discussed_at_meeting' AND detail = 'to_outreach' AND record_id = $2",
            withoutConsent, id));
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM case_timeline WHERE case_id = $1 AND kind = 'discussed_at_meeting' AND detail IS NULL AND record_id = $2",
            withConsent, id));
    }

    [Fact]
    public async Task Only_members_read_a_support_meeting_and_a_refused_attempt_is_audited()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var (meeting, _) = await system.Coordinator(tenant).CreateMeeting(MeetingClient.SupportMeeting(caseId));
        var id = meeting.Id();

        // Members: by organisation (社協's staff) and by subject (the 丸ごと相談員 named as attendee, whatever org they act for).
        var byOrganisation = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "shakyo-staff-2", organisation: "tono-shakyo");
        var bySubject = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "marugoto-7", organisation: "tono-district-centre-3");
        Assert.Equal("見守りを継続", (await (await byOrganisation.GetAsync($"{Meetings}/{id}")).OkObject())["items"]![0]!["note"]!.GetValue<string>());
        Assert.NotNull((await (await bySubject.GetAsync($"{Meetings}/{id}")).OkObject())["minutes"]);

        // Not members: another agency, and even a coordinator or a manager of the city outside the meeting.
        foreach (var outsider in new[]
                 {
                     system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "clinic-staff", organisation: "tono-clinic"),
                     system.Coordinator(tenant, organisation: "tono-children-policy-division", subject: "coordinator-2"),
                     system.Gateway(tenant, JusouRoles.Manager, subject: "manager-1", organisation: "tono-general-affairs"),
                 })
        {
            var refused = await outsider.GetAsync($"{Meetings}/{id}");
            await refused.AssertProblem(HttpStatusCode.Forbidden);
            Assert.DoesNotContain("見守り", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(3, await system.Audits(tenant, id, "read_denied", "support_meeting"));
        Assert.Equal(2, await system.Audits(tenant, id, "read", "support_meeting"));

        // A non-member cannot change it either (nor add themselves as an attendee).
        var other = system.Coordinator(tenant, organisation: "tono-children-policy-division", subject: "coordinator-2");
        var write = await other.Send(HttpMethod.Post, $"{Meetings}/{id}/attendees",
            new { organisationCode = "tono-children-policy-division", role = "city_staff" }, "\"1\"");
        await write.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(1, await system.Audits(tenant, id, "write_denied", "support_meeting"));
        Assert.Equal(2, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meeting_attendees WHERE meeting_id = $1", id));

        // The list shows counts to coordinators and managers, never the minutes or the cases.
        var listed = await (await other.GetAsync($"{Meetings}?month=2021-05")).OkObject();
        var summary = listed.Items().Single();
        Assert.Equal(1, summary["itemCount"]!.GetValue<int>());
        Assert.Equal(2, summary["attendeeCount"]!.GetValue<int>());
        Assert.Null(summary["minutes"]);
        Assert.Null(summary["items"]);
    }

    [Fact]
    public async Task A_meeting_of_another_type_is_readable_by_the_programmes_staff()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant, "consent");
        var (meeting, _) = await system.Coordinator(tenant).CreateMeeting(new
        {
            date = "2021-06-03", type = "multi_layered_support_meeting", minutes = "プラン承認",
            attendees = new[] { new { organisationCode = MeetingClient.Secretariat, role = "chair" } },
            items = new[] { new { caseId, decision = "to_participation" } },
        });

        var agency = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "clinic-staff", organisation: "tono-clinic");
        var read = await (await agency.GetAsync($"{Meetings}/{meeting.Id()}")).OkObject();
        Assert.Equal("プラン承認", read.Text("minutes"));
        Assert.Equal(1, await system.Audits(tenant, meeting.Id(), "read", "role_in_tenant"));
    }

    public static TheoryData<string, string> InvalidMeetings => new()
    {
        { "no date", "date" },
        { "unknown type", "type" },
        { "unknown role", "attendees[0].role" },
        { "no organisation", "attendees[0].organisationCode" },
        { "unknown decision", "items[0].decision" },
        { "unknown stream", "items[0].stream" },
        { "no case", "items[0].caseId" },
        { "case twice", "items" },
        { "minutes too long", "minutes" },
    };

    [Theory]
    [MemberData(nameof(InvalidMeetings))]
    public async Task An_invalid_meeting_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = Guid.CreateVersion7();
        var attendee = new { organisationCode = MeetingClient.Secretariat, role = "secretariat" };
        var item = new { caseId = (Guid?)caseId, stream = (string?)null, decision = (string?)null };
        object body = what switch
        {
            "no date" => new { type = "support_meeting" },
            "unknown type" => new { date = "2021-05-20", type = "shien_kaigi" },
            "unknown role" => new { date = "2021-05-20", type = "support_meeting", attendees = new[] { new { organisationCode = "x", role = "boss" } } },
            "no organisation" => new { date = "2021-05-20", type = "support_meeting", attendees = new[] { new { organisationCode = " ", role = "member" } } },
            "unknown decision" => new { date = "2021-05-20", type = "support_meeting", attendees = new[] { attendee }, items = new[] { item with { decision = "done" } } },
            "unknown stream" => new { date = "2021-05-20", type = "support_meeting", items = new[] { item with { stream = "both" } } },
            "no case" => new { date = "2021-05-20", type = "support_meeting", items = new[] { item with { caseId = null } } },
            "case twice" => new { date = "2021-05-20", type = "support_meeting", items = new[] { item, item } },
            _ => new { date = "2021-05-20", type = "support_meeting", minutes = new string('議', 20_001) },
        };

        var response = await system.Coordinator(tenant).PostAsJsonAsync(Meetings, body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.MeetingRows(tenant));
    }

    [Fact]
    public async Task A_case_that_does_not_exist_in_this_municipality_is_refused_and_nothing_is_stored()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var elsewhere = await system.OpenCase(Tenants.Fresh());

        foreach (var caseId in new[] { Guid.CreateVersion7(), elsewhere })
        {
            var response = await system.Coordinator(tenant).PostAsJsonAsync(Meetings, MeetingClient.SupportMeeting(caseId));
            await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        }
        Assert.Equal(0, await system.MeetingRows(tenant));
        Assert.Equal(0, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meeting_items WHERE tenant_code = $1", tenant));
    }

    [Fact]
    public async Task Only_coordinators_record_meetings_and_only_coordinators_and_managers_list_them()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        foreach (var role in new[] { JusouRoles.IntakeWorker, JusouRoles.AgencyStaff, JusouRoles.Manager, JusouRoles.OutreachWorker })
        {
            var response = await system.Gateway(tenant, role, organisation: MeetingClient.Secretariat)
                .PostAsJsonAsync(Meetings, MeetingClient.SupportMeeting());
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(0, await system.MeetingRows(tenant));

        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync(Meetings)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync($"{Meetings}/{Guid.CreateVersion7()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway(tenant, JusouRoles.Manager).GetAsync(Meetings)).StatusCode);
    }

    [Fact]
    public async Task Another_municipalitys_meeting_is_404()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var (meeting, etag) = await system.Coordinator(tenant).CreateMeeting(MeetingClient.SupportMeeting(caseId));
        var stranger = system.Coordinator(Tenants.Fresh());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Meetings}/{meeting.Id()}")).StatusCode);
        var patch = await stranger.Send(HttpMethod.Patch, $"{Meetings}/{meeting.Id()}", new { minutes = "上書き" }, etag);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Empty((await (await stranger.GetAsync(Meetings)).OkObject()).Items());
        Assert.Equal(1, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meetings WHERE id = $1 AND minutes <> '上書き'", meeting.Id()));
    }

    [Fact]
    public async Task Every_change_needs_the_meetings_current_ETag()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var first = await system.OpenCase(tenant);
        var second = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);
        var (meeting, etag) = await coordinator.CreateMeeting(MeetingClient.SupportMeeting(first));
        var path = $"{Meetings}/{meeting.Id()}";

        await (await coordinator.Send(HttpMethod.Patch, path, new { minutes = "議事録" }, null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        await (await coordinator.Send(HttpMethod.Patch, path, new { minutes = "議事録" }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);

        // Minutes and a corrected date.
        var patched = await coordinator.Send(HttpMethod.Patch, path, new { minutes = "議事録(確定)", date = "2021-05-21" }, etag);
        var afterPatch = await patched.OkObject();
        Assert.Equal("議事録(確定)", afterPatch.Text("minutes"));
        Assert.Equal("2021-05-21", afterPatch.Text("date"));
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM meeting_items WHERE meeting_id = $1 AND meeting_date = DATE '2021-05-21'", meeting.Id()));
        var current = patched.ETagOf();
        Assert.NotEqual(etag, current);

        // The old ETag no longer adds an item; the current one does, with the stream overridden.
        await (await coordinator.Send(HttpMethod.Post, $"{path}/items", new { caseId = second }, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await coordinator.Send(HttpMethod.Post, $"{path}/items", new { caseId = second }, null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        var added = await coordinator.Send(HttpMethod.Post, $"{path}/items", new { caseId = second, stream = "multi_agency" }, current);
        var withItem = await added.CreatedObject();
        current = added.ETagOf();
        var item = withItem["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => i.Id("caseId") == second);
        Assert.Equal("multi_agency", item.Text("stream"));
        await (await coordinator.Send(HttpMethod.Post, $"{path}/items", new { caseId = second }, current)).AssertProblem(HttpStatusCode.Conflict);

        // The decision is taken later.
        await (await coordinator.Send(HttpMethod.Put, $"{path}/items/{item.Id()}", new { stream = "multi_agency", decision = "bogus" }, current))
            .AssertProblem(HttpStatusCode.BadRequest, "decision");
        var decided = await coordinator.Send(HttpMethod.Put, $"{path}/items/{item.Id()}",
            new { stream = "multi_agency", decision = "continue_with_agencies", note = "包括が継続" }, current);
        Assert.Equal("continue_with_agencies", (await decided.OkObject())["items"]!.AsArray()
            .Single(i => i!["id"]!.GetValue<Guid>() == item.Id())!["decision"]!.GetValue<string>());
        current = decided.ETagOf();
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM case_timeline WHERE case_id = $1 AND kind = 'discussed_at_meeting' AND detail = 'continue_with_agencies'", second));

        // Attendees come and go.
        var joined = await coordinator.Send(HttpMethod.Post, $"{path}/attendees",
            new { organisationCode = "tono-community-general-support-centre", role = "agency_worker", subjectId = "houkatsu-1" }, current);
        var attendee = (await joined.CreatedObject())["attendees"]!.AsArray().Select(a => a!.AsObject())
            .Single(a => a.Text("organisationCode") == "tono-community-general-support-centre");
        current = joined.ETagOf();
        var houkatsu = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "houkatsu-1", organisation: "tono-community-general-support-centre");
        Assert.Equal(HttpStatusCode.OK, (await houkatsu.GetAsync(path)).StatusCode);
        var left = await coordinator.Send(HttpMethod.Delete, $"{path}/attendees/{attendee.Id()}", new { }, current);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await houkatsu.GetAsync(path)).StatusCode);

        // Removing the item with a stale ETag fails; with the current one it goes.
        await (await coordinator.Send(HttpMethod.Delete, $"{path}/items/{item.Id()}", new { }, current)).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Delete, $"{path}/items/{item.Id()}", new { }, left.ETagOf())).StatusCode);
        Assert.Equal(1, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meeting_items WHERE meeting_id = $1", meeting.Id()));
    }

    [Fact]
    public async Task A_repeated_Idempotency_Key_records_the_meeting_once()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);

        Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Meetings) { Content = JsonContent.Create(MeetingClient.SupportMeeting(caseId)) };
            request.Headers.Add("Idempotency-Key", "meeting-2021-05-20");
            return coordinator.SendAsync(request);
        }

        var first = await (await Send()).CreatedObject();
        var again = await Send();
        Assert.Equal(first.Id(), (await again.CreatedObject()).Id());
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await system.MeetingRows(tenant));
    }

    [Fact]
    public async Task Meetings_are_listed_by_month_or_period_and_type()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        await coordinator.CreateMeeting(new { date = "2021-05-20", type = "support_meeting" });
        await coordinator.CreateMeeting(new { date = "2021-05-31", type = "team_meeting" });
        await coordinator.CreateMeeting(new { date = "2021-06-01", type = "support_meeting" });

        static async Task<List<string>> Dates(HttpResponseMessage response) =>
            (await response.OkObject()).Items().Select(m => m.Text("date")).ToList();

        Assert.Equal(new[] { "2021-05-20", "2021-05-31" }, await Dates(await coordinator.GetAsync($"{Meetings}?month=2021-05")));
        Assert.Equal(new[] { "2021-05-20", "2021-06-01" }, await Dates(await coordinator.GetAsync($"{Meetings}?type=support_meeting")));
        Assert.Equal(new[] { "2021-05-31", "2021-06-01" }, await Dates(await coordinator.GetAsync($"{Meetings}?from=2021-05-21&to=2021-06-30")));
        var paged = await (await coordinator.GetAsync($"{Meetings}?pageSize=2")).OkObject();
        Assert.Equal(2, paged.Items().Count);
        var rest = await (await coordinator.GetAsync($"{Meetings}?pageSize=2&pageToken={paged.Text("nextPageToken")}")).OkObject();
        Assert.Equal(new[] { "2021-06-01" }, rest.Items().Select(m => m.Text("date")));

        await (await coordinator.GetAsync($"{Meetings}?month=2021-13")).AssertProblem(HttpStatusCode.BadRequest, "month");
        await (await coordinator.GetAsync($"{Meetings}?type=kaigi")).AssertProblem(HttpStatusCode.BadRequest, "type");
        await (await coordinator.GetAsync($"{Meetings}?from=2021-06-01&to=2021-05-01")).AssertProblem(HttpStatusCode.BadRequest, "to");
    }

    [Fact]
    public async Task The_codes_list_meeting_types_roles_streams_and_decisions_with_Japanese_labels()
    {
        var codes = await (await system.Coordinator(Tenants.Fresh()).GetAsync("/api/multiagency/codes")).OkObject();

        static Dictionary<string, string> Table(JsonObject codes, string name) =>
            codes[name]!.AsArray().ToDictionary(e => e!["code"]!.GetValue<string>(), e => e!["label"]!.GetValue<string>());

        var types = Table(codes, "meetingTypes");
        Assert.Equal(9, types.Count);
        Assert.Equal("支援会議", types["support_meeting"]);
        Assert.Equal("地域福祉支援会議(いなくらし会議)", types["community_welfare_support_meeting"]);
        Assert.Equal("チーム会議(庁内連携会議)", types["team_meeting"]);
        Assert.Equal(new[] { "多機関協働事業へ", "アウトリーチ等継続的支援事業へ", "参加支援へ", "権利擁護へ", "関係機関で対応継続", "見守り", "終結" },
            Table(codes, "meetingDecisions").Values);
        Assert.Equal("ケース共有分", Table(codes, "meetingStreams")["case_sharing"]);
        Assert.Contains("丸ごと相談員", Table(codes, "meetingAttendeeRoles").Values);
        Assert.Equal(["multi_layered_support_meeting", "participation_outreach_plan_meeting", "multi_layered_case_meeting"],
            Table(codes, "meetingTypesApprovingPlans").Keys);

        // The OpenAPI document shows integrators a real meeting to send.
        var openApi = await (await system.Coordinator(Tenants.Fresh()).GetAsync("/api/multiagency/openapi/v1.json")).OkObject();
        var example = openApi["components"]!["schemas"]!["MeetingRequest"]!["examples"]![0]!;
        Assert.Equal("第1回 ケース共有会議", example["minutes"]!.GetValue<string>());
    }
}
