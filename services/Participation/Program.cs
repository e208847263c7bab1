using Jusou.ServiceKit.Organisations;
using Jusou.Participation.Organisations;
using Jusou.ServiceKit.Operations;
using Jusou.Participation;
using Jusou.Participation.Codes;
using Jusou.Participation.Hosts;
using Jusou.Participation.Matching;
using Jusou.Participation.Opportunities;
using Jusou.Participation.Persons;
using Jusou.Participation.Placements;
using Jusou.Participation.Privacy;
using Jusou.Participation.Reports;
using Jusou.Participation.Requests;

// Participation: 参加支援事業 — opportunities (参加の場), requests, matching, placements and 定着支援.
var service = ServiceIdentity.Participation;
var builder = WebApplication.CreateBuilder(args);
builder.AddJusouService<ParticipationDbContext>(service,
    consumers:
    [
        typeof(CommunityServicePublishedConsumer),
        typeof(CommunityServiceWithdrawnConsumer),
        typeof(SupportPlanActionApprovedConsumer),
        typeof(ConsultationReferredToParticipationConsumer),
        typeof(PersonsMergedConsumer),
        typeof(ConsultationLinkedConsumer),
        typeof(SupportCaseLinkedConsumer),
        typeof(SupportCaseClosedConsumer),
        typeof(MeetingDecisionRecordedConsumer),
        typeof(MeetingDecisionWithdrawnConsumer),
        typeof(KnownOrganisationsConsumer),
    ],
    codes: ParticipationCodes.All,
    openApi: options => options.AddExamples(ApiExamples.All));
builder.AddGauge<ParticipationDbContext>("jusou.participation.checkins.overdue", "{placement}",
    "Placements under way whose 定着支援 check-in is overdue (all tenants)",
    (db, cancellationToken) =>
    {
        var today = JapanDate.Today(TimeProvider.System); // a metric sample outside any request or scope
        return db.Placements.IgnoreQueryFilters().LongCountAsync(p => p.Stage != ParticipationCodes.Stage.Ended && p.NextCheckInOn < today, cancellationToken);
    });

var app = builder.Build();
var api = await app.MapJusouServiceAsync<ParticipationDbContext>(service);
api.MapOpportunities();
api.MapRequests();
api.MapMatching();
api.MapPlacements();
api.MapCheckIns();
api.MapHosts();
api.MapReports();
api.MapAnnualIndicators<ParticipationDbContext>(service.Name, ReportEndpoints.Indicators);
api.MapKnownOrganisations<ParticipationDbContext>(service.DisplayName);
var clock = app.Services.GetRequiredService<TimeProvider>();
api.MapSubjectAccess<ParticipationDbContext>(service.Name, (db, query, cancellationToken) => SubjectRecords.Gather(db, clock, query, cancellationToken));

app.Run();
