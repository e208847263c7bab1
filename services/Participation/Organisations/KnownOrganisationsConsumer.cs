using Jusou.ServiceKit.Organisations;

namespace Jusou.Participation.Organisations;

/// <summary>Keeps the municipality's organisations (their codes) from CommunityResources' directory.</summary>
public sealed class KnownOrganisationsConsumer(ParticipationDbContext db, TimeProvider clock) : OrganisationRegisteredConsumer<ParticipationDbContext>(db, clock);
