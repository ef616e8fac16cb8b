using StoriBoard.Classification;
using StoriBoard.Tests.Classification;

namespace StoriBoard.Tests.Languages;

/// <summary>
/// The French reading beside the English models: explicit red flags in French raise the risk, everyday French lines
/// (many on the same words) do not, and French themes reach the reply. Over the shipped models.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class FrenchReadingTests(ClassifierFixture models) : IClassFixture<ClassifierFixture>
{
    private readonly MultilingualClassifier classifier = new(models.Classifier);

    [Theory]
    [InlineData("Je veux me suicider.", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("je pense à me tuer depuis des semaines", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("J’ai envie de mourir, je n’en peux plus", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("je ne veux plus vivre", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("Tout le monde serait mieux sans moi", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("j'ai des idées suicidaires", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("Je vais en finir ce soir", RiskLevel.Imminent, RedFlagKind.Suicide)]
    [InlineData("jai decide de me foutre en lair cette nuit", RiskLevel.Imminent, RedFlagKind.Suicide)]
    [InlineData("Je suis au bord du pont", RiskLevel.Imminent, RedFlagKind.Suicide)]
    [InlineData("J'ai pris toute la boîte de somnifères", RiskLevel.Imminent, RedFlagKind.Medical)]
    [InlineData("j'ai avalé tous mes médicaments il y a une heure", RiskLevel.Imminent, RedFlagKind.Medical)]
    [InlineData("Je me scarifie depuis l'été", RiskLevel.High, RedFlagKind.SelfHarm)]
    [InlineData("j'ai envie de me faire du mal", RiskLevel.High, RedFlagKind.SelfHarm)]
    [InlineData("Mon mari me frappe quand il boit", RiskLevel.High, RedFlagKind.DangerFromOthers)]
    [InlineData("il a menacé de me tuer hier soir", RiskLevel.High, RedFlagKind.DangerFromOthers)]
    [InlineData("J'ai peur de secouer mon bébé, il pleure depuis des heures", RiskLevel.High, RedFlagKind.HarmToOthers)]
    [InlineData("Mon frère parle de se suicider", RiskLevel.High, RedFlagKind.ThirdParty)]
    [InlineData("j'ai avalé une vingtaine de comprimés il y a dix minutes", RiskLevel.Imminent, RedFlagKind.Medical)]
    [InlineData("Ma sœur a pris toute une boîte de somnifères, elle dort et je n'arrive pas à la réveiller", RiskLevel.Imminent, RedFlagKind.Medical)]
    [InlineData("mon copain ne respire plus, aidez moi", RiskLevel.Imminent, RedFlagKind.Medical)]
    [InlineData("Je vais sauter du pont ce soir", RiskLevel.Imminent, RedFlagKind.Suicide)]
    [InlineData("J'ai envie de me jeter sous un train", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("je pense à me pendre", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("J'en ai marre de vivre.", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("franchement à quoi bon vivre", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("Je pense tout le temps à la mort", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("personne ne remarquerait si je disparaissais", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("J'ai écrit une lettre d'adieu à mes parents", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("j'aimerais m'endormir et ne plus me réveiller", RiskLevel.High, RedFlagKind.Suicide)]
    [InlineData("J'ai recommencé à me couper la semaine dernière", RiskLevel.High, RedFlagKind.SelfHarm)]
    [InlineData("je me fais du mal quand ça déborde", RiskLevel.High, RedFlagKind.SelfHarm)]
    [InlineData("Mon père frappe ma mère quand il boit et j'ai peur de rentrer à la maison", RiskLevel.High, RedFlagKind.DangerFromOthers)]
    [InlineData("il me frappe depuis des mois", RiskLevel.High, RedFlagKind.DangerFromOthers)]
    public void An_explicit_french_red_flag_is_raised_with_its_kind(string text, RiskLevel floor, RedFlagKind kind)
    {
        var analysis = classifier.Classify(text);

        Assert.True(analysis.RedFlag, text);
        Assert.True(analysis.Risk.Level >= floor, $"{text}: {analysis.Risk.Level}");
        Assert.Equal(kind, analysis.Kind);
        Assert.Contains(analysis.Signals, s => s.StartsWith("fr_", StringComparison.Ordinal));
    }

    /// <summary>Everyday French, much of it on the words the rules look for, none of it a red flag.</summary>
    [Theory]
    [InlineData("Je vais mourir de rire avec cette série")]
    [InlineData("J'ai envie de mourir de honte, j'ai oublié son anniversaire")]
    [InlineData("Ce boulot va me tuer, je finis à 22h tous les soirs")]
    [InlineData("Ma mère va me tuer quand elle verra mes notes")]
    [InlineData("Je vais me tuer à la tâche si ça continue comme ça")]
    [InlineData("Je vais en finir avec ce dossier aujourd'hui")]
    [InlineData("Je suis sur le pont depuis six heures du matin")]
    [InlineData("Il m'a battu aux échecs trois fois de suite")]
    [InlineData("Ce qui me frappe, c'est qu'il ne dit jamais merci")]
    [InlineData("J'ai pris toute la boîte de chocolats, tant pis pour le régime")]
    [InlineData("Je me suis coupé le doigt en épluchant les carottes")]
    [InlineData("Je ne vais pas me suicider, rassurez-vous, j'ai juste besoin de parler")]
    [InlineData("je vais pas me tuer, j'ai juste une semaine horrible")]
    [InlineData("J'ai aucune envie de me suicider mais je suis épuisé")]
    [InlineData("On a regardé un documentaire sur la prévention du suicide en classe")]
    [InlineData("Mon fils veut se tuer au travail pour avoir sa promotion")]
    [InlineData("J'ai envie de secouer mon collègue pour qu'il se réveille un peu")]
    [InlineData("Je pense à mon père qui est mort l'an dernier")]
    [InlineData("La fin de ma vie d'étudiant approche et ça me fait peur")]
    [InlineData("Mon chat a fait une overdose de croquettes, il dort depuis midi")]
    [InlineData("Je suis crevé, je vais me coucher")]
    [InlineData("Mes enfants seraient mieux avec une mère moins fatiguée")]
    [InlineData("J'ai pris deux doliprane pour ma migraine")]
    [InlineData("J'ai pris trente gélules de vitamine C cette semaine")]
    [InlineData("Ma mère a pris tous ses médicaments ce matin, comme prévu")]
    [InlineData("Elle est inconsciente du danger quand elle conduit")]
    [InlineData("Je n'arrive pas à le réveiller le matin pour l'école")]
    [InlineData("Je vais sauter du pont à l'élastique cet été")]
    [InlineData("Je me jette à l'eau, je postule demain")]
    [InlineData("Je me noie dans le travail en ce moment")]
    [InlineData("J'en ai marre de la vie parisienne, trop de bruit")]
    [InlineData("J'ai envie d'en finir avec ce déménagement")]
    [InlineData("J'aimerais ne plus me réveiller à cinq heures du matin")]
    [InlineData("Je pense à la mort de ma grand-mère ce soir")]
    [InlineData("Je pense à mourir de rire en revoyant la vidéo")]
    [InlineData("Je me fais du mal en regardant ses photos")]
    [InlineData("Je me suis coupée en cuisinant hier soir")]
    [InlineData("Il me bat toujours aux échecs")]
    [InlineData("Elle me frappe par sa gentillesse")]
    [InlineData("J'ai peur de rentrer chez moi à pied la nuit")]
    [InlineData("Le coach a lu la lettre d'adieu de notre capitaine")]
    public void Everyday_french_is_not_a_red_flag(string text)
    {
        var analysis = classifier.Classify(text);

        Assert.False(analysis.RedFlag, $"{text}: {string.Join(",", analysis.Signals)}");
        Assert.DoesNotContain(analysis.Signals, s => s.StartsWith("fr_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Je me sens très seul depuis que j'ai déménagé", Themes.Loneliness)]
    [InlineData("Mon patron m'a humilié devant tous mes collègues", Themes.Work)]
    [InlineData("J'ai rechuté hier soir après deux ans sobre", Themes.Substances)]
    [InlineData("Je n'arrive plus à payer le loyer et les factures", Themes.Money)]
    [InlineData("J'ai des crises d'angoisse avant chaque réunion", Themes.Anxiety)]
    public void A_french_message_names_its_themes(string text, string theme)
    {
        var analysis = classifier.Classify(text);

        Assert.Contains(analysis.Themes, t => t.Id == theme);
        Assert.False(analysis.RedFlag);
    }

    [Fact]
    public void English_messages_read_as_they_did()
    {
        foreach (var text in new[] { "I keep thinking about killing myself", "my boss humiliated me in front of everyone today", "hello" })
        {
            Assert.Equal(models.Classifier.Classify(text), classifier.Classify(text), AnalysisComparer.Instance);
        }
    }

    private sealed class AnalysisComparer : IEqualityComparer<MessageAnalysis>
    {
        public static AnalysisComparer Instance { get; } = new();

        public bool Equals(MessageAnalysis? x, MessageAnalysis? y) =>
            x is not null && y is not null && x.Risk.Level == y.Risk.Level && x.RedFlag == y.RedFlag && x.Kind == y.Kind
            && x.Themes.Select(t => t.Id).SequenceEqual(y.Themes.Select(t => t.Id)) && x.Signals.SequenceEqual(y.Signals);

        public int GetHashCode(MessageAnalysis obj) => obj.Risk.Level.GetHashCode();
    }
}
