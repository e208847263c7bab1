using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Jusou.ServiceKit;

/// <summary>
/// What every service's tables have in common, said once instead of in each entity's configuration. An entity that
/// configures one of these itself keeps its own setting (explicit configuration wins over a convention).
/// </summary>
internal sealed class KitConventions : IModelFinalizingConvention
{
    /// <summary>Who did something (RecordedBy, ChangedBy …) is the identity provider's subject: at most 200 characters.</summary>
    public const int SubjectMaxLength = 200;

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
        {
            // Ids are made in code (UUIDv7). Said for every entity, so a child added to a tracked parent is
            // inserted, not mistaken for an existing row and updated.
            if (entity.FindPrimaryKey()?.Properties is [{ Name: "Id" } id] && id.ClrType == typeof(Guid))
                id.Builder.ValueGenerated(ValueGenerated.Never);

            foreach (var property in entity.GetDeclaredProperties().Where(p => p.ClrType == typeof(string)))
            {
                if (property.Name == nameof(ITenantOwned.TenantCode))
                    property.Builder.HasMaxLength(6); // 全国地方公共団体コード with its check digit
                else if (property.Name.EndsWith("By", StringComparison.Ordinal))
                    property.Builder.HasMaxLength(SubjectMaxLength);
            }
        }
    }
}
