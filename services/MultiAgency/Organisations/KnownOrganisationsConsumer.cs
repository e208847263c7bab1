using Jusou.ServiceKit.Organisations;

namespace Jusou.MultiAgency.Organisations;

/// <summary>Keeps the municipality's organisations (their codes) from CommunityResources' directory.</summary>
public sealed class KnownOrganisationsConsumer(MultiAgencyDbContext db, TimeProvider clock) : OrganisationRegisteredConsumer<MultiAgencyDbContext>(db, clock);
