using System.ComponentModel.DataAnnotations;
using Jusou.ServiceDefaults.Http;

namespace Jusou.Rules.Tests.Kit;

// Pure unit tests: nothing is started.
public class ValidationLimitsTests
{
    private sealed record Goal([property: MaxLength(5)] string? Text, string? Unlimited = null);

    private sealed record Plan(
        [property: MaxLength(3)] string? Title,
        Goal? Main = null,
        IReadOnlyList<Goal?>? Goals = null,
        [property: StringLength(4)] string? Note = null)
    {
        public string Computed => new('x', 100);
    }

    [Fact]
    public void A_string_over_its_declared_limit_is_named_with_the_limit_and_one_at_the_limit_is_not()
    {
        var errors = new Validation().Limits(new Plan("abcd", Note: "abcd")).Errors;

        Assert.Equal(["title must be at most 3 characters."], errors["title"]);
        Assert.Single(errors);
    }

    [Fact]
    public void Records_and_lists_the_request_holds_are_walked_with_the_json_path_of_each_field()
    {
        var plan = new Plan("abc", new Goal("123456", new string('x', 1000)), [new Goal("ok"), null, new Goal("toolong")], "12345");

        var errors = new Validation().Limits(plan).Errors;

        Assert.Equal(["main.text", "goals[2].text", "note"], errors.Keys);
        Assert.Equal(["goals[2].text must be at most 5 characters."], errors["goals[2].text"]);
        Assert.Equal(["note must be at most 4 characters."], errors["note"]);
    }

    [Fact]
    public void Nothing_sent_is_nothing_to_refuse()
    {
        Assert.True(new Validation().Limits(new Plan(null)).IsValid);
        Assert.True(new Validation().Limits(null).IsValid);
    }
}
