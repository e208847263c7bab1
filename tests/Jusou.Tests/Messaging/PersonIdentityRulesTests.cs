using Jusou.Contracts.Intake;
using Jusou.Intake.Consultations;
using Jusou.ServiceKit.Persons;

namespace Jusou.Tests.Messaging;

// Pure unit tests: no SystemFixture, nothing is started.
public class PersonIdentityRulesTests
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7();
    private static readonly Dictionary<Guid, Guid> NoMerges = [], NoLinks = [];

    [Fact]
    public void A_person_never_merged_is_their_own_survivor() => Assert.Equal(A, PersonIdentityRules.Survivor(A, NoMerges));

    [Fact]
    public void A_chain_of_merges_ends_at_the_last_survivor() =>
        Assert.Equal(C, PersonIdentityRules.Survivor(A, new Dictionary<Guid, Guid> { [A] = B, [B] = C }));

    [Fact]
    public void A_cycle_stops_instead_of_looping() =>
        Assert.Contains(PersonIdentityRules.Survivor(A, new Dictionary<Guid, Guid> { [A] = B, [B] = A }), new[] { A, B });

    [Fact]
    public void An_anonymous_record_takes_the_person_its_linked_consultation_names_followed_to_the_survivor()
    {
        var consultation = Guid.CreateVersion7();
        Assert.Equal(C, PersonIdentityRules.PersonOf(null, [null, consultation], new Dictionary<Guid, Guid> { [consultation] = B },
            new Dictionary<Guid, Guid> { [B] = C }));
    }

    [Fact]
    public void An_anonymous_record_nobody_linked_stays_anonymous() =>
        Assert.Null(PersonIdentityRules.PersonOf(null, [Guid.CreateVersion7()], NoLinks, NoMerges));

    [Fact]
    public void A_link_never_moves_a_record_that_already_names_a_person_only_a_merge_does()
    {
        var consultation = Guid.CreateVersion7();
        var links = new Dictionary<Guid, Guid> { [consultation] = B };
        Assert.Equal(A, PersonIdentityRules.PersonOf(A, [consultation], links, NoMerges));
        Assert.Equal(C, PersonIdentityRules.PersonOf(A, [consultation], links, new Dictionary<Guid, Guid> { [A] = C }));
    }

    [Fact]
    public void Linking_a_consultation_announces_the_person_once_and_names_the_outreach_target_it_was_handed_on_from()
    {
        var target = Guid.CreateVersion7();
        var consultation = new Consultation { TenantCode = "032085", Source = OutreachHandedOffConsumer.Source, SourceId = target };
        var at = DateTimeOffset.UtcNow;

        var linked = consultation.LinkTo(A, at);

        Assert.Equal(new ConsultationLinkedToPerson(linked!.EventId, at, "032085", consultation.Id, A, target), linked);
        Assert.Equal(A, consultation.PersonId);
        Assert.Null(consultation.LinkTo(A, at)); // already theirs: nothing new to announce
        Assert.True(consultation.IsLinkedToAnotherThan(B));
        Assert.Throws<InvalidOperationException>(() => consultation.LinkTo(B, at));
    }

    [Fact]
    public void A_counter_consultation_names_no_outreach_target() =>
        Assert.Null(new Consultation { TenantCode = "032085" }.LinkTo(A, DateTimeOffset.UtcNow)!.OutreachTargetId);
}
