using Jusou.ServiceKit.Messaging;
using System.Text.RegularExpressions;
using Jusou.Contracts;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceKit;

namespace Jusou.Rules.Tests.Kit;

// Pure unit tests: nothing is started. The names integrators bind to, and the broker account rule.
public class EventNamesTests
{
    [Fact]
    public void Every_event_has_a_unique_lower_case_versioned_name_a_subscriber_can_bind()
    {
        Assert.NotEmpty(EventNames.Events);
        var names = EventNames.Events.Select(EventNames.Of).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        // Topic-exchange words: no '#' or '*', no empty word, no upper case; exactly service.event.version.
        Assert.All(names, name => Assert.Matches(new Regex("^[a-z]+\\.[a-z]+(-[a-z]+)*\\.v[0-9]+$"), name));
    }

    [Fact]
    public void Names_are_service_event_and_version_and_the_routing_key_puts_the_municipality_first()
    {
        Assert.Equal("intake.consultation-referred.v1", EventNames.Of(typeof(ConsultationReferred)));
        Assert.Equal("multiagency.support-case-opened.v1", EventNames.Of(typeof(SupportCaseOpened)));
        Assert.Equal("032085.multiagency.support-case-opened.v1", EventNames.RoutingKey("032085", typeof(SupportCaseOpened)));
    }

    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", true)]
    [InlineData("amqp://127.0.0.1:5672/", true)]
    [InlineData("amqp://jusou:secret@rabbit-1:5672/jusou,amqp://jusou:secret@rabbit-2:5672/jusou", false)]
    [InlineData("amqp://guestbook:secret@rabbit-1:5672/", false)]
    public void Only_a_development_broker_may_be_reached_as_guest(string connectionString, bool usesGuest) =>
        Assert.Equal(usesGuest, BrokerAddress.Parse(connectionString).UsesGuest);
}
