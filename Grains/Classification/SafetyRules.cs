namespace StoriBoard.Classification;

/// <summary>
/// The safety lexicon's tables: what an explicit red flag looks like, and which violent-sounding
/// idioms are not one. Kept in code rather than in a data file on purpose: every rule is reviewed
/// with the code that reads it, a broken pattern fails the build's tests instead of a start in
/// production, and there is no file that can go missing beside a model. Patterns run on text that
/// <see cref="SafetyLexicon"/> has lower-cased and normalised (curly quotes, text-speak, hyphens).
/// </summary>
public static class SafetyRules
{
    // The person's own death, in the ways people say it.
    private const string OwnDeath =
        @"(kill(ing|ed)? my ?self|end(ing)? (my (own )?life|it all)|tak(e|ing) my (own )?life|hang(ing)? my ?self|shoot(ing)? my ?self|" +
        @"slit(ting)? my wrists|commit(ting)? suicide|off(ing)? my ?self|my suicide)";

    private const string Pills =
        @"(pills|tablets|tabs|meds|medication|paracetamol|acetaminophen|tylenol|co codamol|codeine|ibuprofen|aspirin|painkillers|" +
        @"sleeping pills|antidepressants|sertraline|citalopram|amitriptyline|diazepam|insulin|prescription|prescriptions)";

    private const string Means =
        @"(" + Pills + @"|rope|noose|belt|ligature|blade|blades|razor|knife|gun|bridge|ledge|roof|cliff|train|tracks|motorway|car park|balcony|overdose|bleach)";

    private const string RightNow =
        @"\b(tonight|right now|this evening|in (a|an|the next) (minute|few minutes|hour|couple of hours)|before (the )?morning|when (everyone|they)('s| is| are|'re) asleep)\b";

    private const string Quantity =
        @"(all|the whole|whole|a load|loads|a bunch|a handful|handfuls|a box|boxes|a packet|packets|a pack|packs|strips|every|too many|the lot|enough|\d{2,}|twenty|thirty|forty|fifty|sixty|a hundred)";

    // Someone the person may be in danger from.
    private const string Other =
        @"(he|she|they|he's|she's|they're|my( (older|younger|big|little|elder|twin))? (husband|wife|partner|boyfriend|girlfriend|ex|dad|father|stepdad|step dad|mum|mom|mother|brother|sister|son|uncle|carer|flatmate|housemate|landlord))";

    private const string Weapon = @"(knife|knives|gun|weapon|hammer|bat|axe|machete|blade)";

    private const string Victim =
        @"(him|her|them|someone|somebody|people|everyone|anyone|my (baby|kids?|children|son|daughter|husband|wife|partner|boss|dad|father|mum|mom|mother|brother|sister|neighbour|neighbor|flatmate|housemate|ex))";

    public static IReadOnlyList<SafetyRule> Rules { get; } =
    [
        // An attempt under way, or a plan with the means and the time at hand.
        new("overdose_taken", RiskLevel.Imminent,
            @"\b(taken|took|swallowed|downed|necked|had)\b( \S+){0,3}? " + Quantity + @"\b[^.!?]{0,30}?\b" + Pills + @"\b" +
            @"|\b(i've|i have|i|just|already) (just |already )?(overdosed|taken an overdose|od'd|od'ed)\b(?! (before|once|previously|in the past|at \d+|when|as a))" +
            @"|\b(injected|shot up|snorted|swallowed) (everything|all of it|all i had|all i've got|the lot|the whole (bag|lot|stash|bottle|packet|box))\b" +
            @"|\b(taken|took|swallowed|downed|necked|had)\b[^.!?]{0,40}?\b(then|and|plus|with) (all|the whole lot of|every one of) (the |my |of my |of the )?" + Pills + @"\b",
            PastLevel: RiskLevel.Low),
        new("attempt_under_way", RiskLevel.Imminent,
            @"\b(won't|will not|can't|cannot) stop (the )?bleeding\b|\b(cut|slit|slashed) (my wrists|too deep)\b" +
            @"|\b(rope|noose|belt|cord|ligature) (is )?(round|around|on) my neck\b|\b(drank|drunk|swallowed) (some |the )?bleach\b",
            PastLevel: RiskLevel.Low),
        new("at_a_height", RiskLevel.Imminent,
            @"\b(i'm|i am|standing|sitting|stood|sat|climbed)( standing| sitting| stood| sat)? (on|onto|at the edge of|on the edge of|on top of|at the top of|over) (the |a |this )?" +
            @"(bridge|ledge|roof|rooftop|cliff|cliff edge|railway line|railway tracks|tracks|balcony railing|parapet|top floor of the car park)\b(?! (bar|garden|terrace|restaurant|party|cafe|pub))",
            PastLevel: RiskLevel.Low),
        new("means_at_hand", RiskLevel.Imminent,
            @"\b" + Means + @"\b[^.!?]{0,30}?\b(in front of me|in my hand|next to me|beside me|lined up|counted out|ready|tied|set up)\b"),
        new("intent_right_now", RiskLevel.Imminent,
            @"\b(" + OwnDeath + @"|do it|doing it|end it|jump|take them all|take all of them|say goodbye)\b",
            AlsoInSentence: [RightNow]),
        new("danger_from_other_now", RiskLevel.Imminent,
            @"\b" + Other + @"( is|'s| are|'re)? (outside|at the door|downstairs|upstairs|in the house|in the hall|on (his|her|their) way|coming back|banging on|breaking|trying to get in|kicking the door|here)\b",
            AlsoInSentence: [@"\b(" + Weapon + @"|kill (me|us)|hurt (me|us)|drunk|raging|screaming)\b"]),
        new("weapon_held_by_other", RiskLevel.Imminent,
            @"\b" + Other + @"\b[^.!?]{0,30}?\b(has|has got|'s got|got|is holding|holding|with|waving|pointing|grabbed|picked up) (a |the |his |her )?" + Weapon + @"\b",
            PastLevel: RiskLevel.High),
        new("harm_to_others_now", RiskLevel.Imminent,
            @"\bi('m| am)( (?!not\b|never\b)\w+)? (going|about) to (kill|stab|shoot|strangle|murder|hurt|smother) " + Victim + @"\b",
            AlsoInSentence: [@"(" + RightNow + @"|\b" + Weapon + @"\b)"]),

        // Active thoughts, intent or a plan; current self-harm; ongoing danger from someone.
        new("suicidal_statement", RiskLevel.High, @"\b" + OwnDeath + @"\b", PastLevel: RiskLevel.Low),
        new("thinking_of_ending_it", RiskLevel.High,
            @"\b(think|thinks|thinking|thought|thoughts|dream|dreaming) (about|of) (ending it|not waking up)\b(?! (with|between|for (him|her|them|us)))",
            PastLevel: RiskLevel.Low),
        new("logging_off_for_good", RiskLevel.High,
            @"\b(log(ging)? off|log(ging)? out|despawn(ing)?|quit(ting)? the game)\b[^.!?]{0,25}?\b(for good|forever|irl|in real life)\b|\bno respawn(s)?\b" +
            @"|\b(can't|cannot|couldn't|can not) talk my ?self (down|off (the|this) (ledge|edge|bridge))\b",
            PastLevel: RiskLevel.Low),
        new("suicidal_feelings", RiskLevel.High,
            @"(^|\b(i'm|i am|i feel|i felt|i've been|i have been|feeling|feel|getting|been|so|really|very|actively|properly)( (?!not\b|never\b|no\b|passive(ly)?\b)\w+)? )suicidal\b" +
            @"|(?<!passive(ly)? )\bsuicidal (again|thoughts|feelings|urges)\b|\b(think|thinking|thought|thoughts|considering|planning|plan) (about |of )?suicide\b",
            PastLevel: RiskLevel.Low),
        new("self_harm", RiskLevel.High,
            @"\b(cut|cutting|burnt|burned|burning|slashed|scratched|scratching|hurt|hurting|harmed|harming) my ?self (again|tonight|today|last night|on purpose|deliberately|every)\b" +
            @"|\b(i've|i have|i) (been |started |keep |kept )?(cutting|burning|self harming|self harmed|cut|burned|burnt) (my ?self|my (arms?|legs?|thighs?|wrists?|stomach))\b" +
            @"|\b(i|i've|i have|i'm|i am) (been |started )?self harm(ing|ed)?\b|\brelapsed\b[^.!?]{0,20}\bself harm|\bused to (self harm|cut|burn)\b",
            PastLevel: RiskLevel.Low),
        new("method_plan", RiskLevel.High,
            @"\b(going to|plan(ning)? to|i'll|i will|decided to|want to|gonna)( \w+){0,2}? (take|swallow|neck|down) " + Quantity + @"\b" +
            @"|\b(jump|jumping|step|stepping|fly|flying|throw my ?self|throwing my ?self) (off|from|in front of|under) (the top of )?(a|the|my)( \w+)? (bridge|roof|building|cliff|balcony|train|bus|lorry|truck|car|tower|car park|multi storey)\b" +
            @"|\b(big|strong|much|enough)( enough)? (that|so) i (don't|won't|wouldn't|never) wake up\b",
            PastLevel: RiskLevel.Low),
        new("stockpiling_means", RiskLevel.High,
            @"\b(saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|stashing|stashed|squirrelling|building up|built up|saving up)( \w+){0,3}? " + Pills + @"\b" +
            @"|\b(enough|got enough) " + Pills + @" to\b",
            PastLevel: RiskLevel.Low),
        new("goodbye_letters", RiskLevel.High,
            @"\b(wrote|written|writing|write|left|leaving|drafted|drafting) (a |my |the |some )?(goodbye|suicide|farewell) (letter|letters|note|notes|message|messages)\b(?! to (my )?(ex|old|former))" +
            @"|\bsaid my goodbyes\b|\b(this is|consider this) (my )?goodbye\b",
            PastLevel: RiskLevel.Low),
        new("affairs_in_order", RiskLevel.High,
            @"\b(put|putting|got|getting|sorted|sorting|have sorted|set) (all )?my affairs (in order|sorted|straight)\b" +
            @"|\b(i've|i have) made (my |the |all the |final )?arrangements(?= *($|[.!]))" +
            @"|\bnothing (left|else|more) (for me )?to (sort|settle|tie up|sort out)\b|\b(tied|tying) up (all )?(my )?loose ends\b(?! at work| before (my|the) (holiday|leave|trip))",
            PastLevel: RiskLevel.Low),
        new("papers_in_order_for_after", RiskLevel.High,
            @"\b(get|getting|got|put|putting|have) (the |my |all my )?(paperwork|papers|finances|accounts|things) in order\b",
            AlsoInSentence: [@"\b(burden|when i'm gone|after i'm gone|once i'm gone|after i go|whoever (has|finds|deals)|left behind)\b"],
            PastLevel: RiskLevel.Low),
        new("last_message", RiskLevel.High,
            @"\b(won't|will not|wont|not going to|shan't) (need|have|be able) to (message|talk|write|speak|text|chat|contact you|bother you)( to you| with you)? (again|anymore|any more)\b(?! (tonight|today|this week|for a (while|bit)|until|till|hopefully|i think))" +
            @"|\b(this is|this'll be|this will be) (my )?(last|final) (message|text|time (talking|writing|messaging))\b" +
            @"|\b(look after|take care of|look out for) (mum|mom|mam|dad|my (mum|mom|mam|dad|kids|children|boys|girls|dog|cat|wife|husband|son|daughter)|the (kids|boys|girls|dog)) for me\b"),
        new("by_the_time_you_read_this", RiskLevel.Imminent,
            @"\bby the time (you|anyone|someone|they) (read|reads|see|sees|get|gets) this\b"),
        new("giving_things_away", RiskLevel.High,
            @"\bgiv(e|ing|en) (away )?(all )?(my|all my|most of my) (stuff|things|belongings|possessions|clothes|books|games|money|savings|pets?|cat|dog) away\b" +
            @"|\bgiv(e|ing|en) away (all |most )?(of )?(my|all my) (stuff|things|belongings|possessions|clothes|books|games|money|savings|pets?|cat|dog)\b" +
            @"|\b(won't|will not|wont|not going to) need (it|them|my \w+|any of (it|this|them)|anything) (anymore|any more|where i'm going|after)\b"),
        new("researching_means", RiskLevel.High,
            @"\b(looked|looking|look|googled|googling|searched|searching|researched|researching)( up| online| into)?\b[^.!?]{0,25}?" +
            @"\b(how high|how tall (the |a |that |this )?(car park|multi ?storey|bridge|building|block|flats|cliff|tower block|viaduct)|heights?|height of|lethal|fatal|overdose|how many " + Pills + @"|painless|ways to die|how to die|how long it takes to (die|bleed|drown)|tallest (building|bridge)|bridge heights?)\b",
            PastLevel: RiskLevel.Low),
        new("not_around_much_longer", RiskLevel.High,
            @"\b(won't|will not|wont|not going to|not gonna) be (a problem|a burden|around|here|your problem|anyone's problem|in (your|anyone's) way|an issue|bothering (you|anyone))( for)? (much|very|any) longer\b" +
            @"|\b(won't|will not|wont|not going to) be (here|around) (next week|tomorrow|for christmas|for my birthday|by (the )?(morning|monday|weekend))\b" +
            @"|\b(won't|will not|wont) have to (worry|deal) (about|with) me (much longer|for much longer|soon)\b|\bsoon (it|this|everything) (will|'ll) (all )?be over\b"),
        new("danger_from_other", RiskLevel.High,
            @"\b" + Other + @"( \w+)? (hits|hit|beats|beat|punches|punched|kicks|kicked|chokes|choked|strangles|strangled|slaps|slapped|shoves|shoved|rapes|raped) me\b(?! out)" +
            @"|\b(threatened|threatening|threatens) to (kill|hurt|stab|shoot) (me|us|the kids|my (kids|children|son|daughter|baby))\b" +
            @"|\b(he|my (husband|partner|boyfriend|ex)) (says|said|swears|swore) (he'd|he will|he'll|he would) (kill|hurt) (me|us)\b" +
            @"|\b(tried|trying) to (strangle|choke|kill|suffocate|drown) me\b|\b(scared|afraid|terrified|frightened) (to go|of going) (back )?home\b" +
            @"|\b(scared|afraid|terrified|frightened) (that )?(he|she|they)('ll| will| is going to| are going to| might| would) (kill|hurt|hit) (me|us)\b" +
            @"|\b(sat|sits|knelt|kneels|kneeling|pinned|pins) on (me|my chest|my neck)\b|\b(till|until) i (couldn't|could not|couldnt|can't|cant) breathe\b",
            PastLevel: RiskLevel.Low),
        new("held_against_their_will", RiskLevel.High,
            @"\b(cannot|can't|can not|not allowed to|am not allowed to) (go|get) out of (the|this) (flat|house|room|apartment|caravan|hotel) (alone|on my own)\b" +
            @"|\b(they|he|she|my (boss|employer|husband|agent|manager))( have| has)? (took|taken|take|keep|keeps|kept|hold|holds|holding|has|have got) (all )?(my|our) (passports?|papers|documents|id)\b" +
            @"|(?<!\b(i|i've|we|we've) )\b(locked|lock) (me|us) in\b",
            PastLevel: RiskLevel.Low),
        new("harm_to_others", RiskLevel.High,
            @"\bi('m| am| really| just| honestly| seriously| actually)?( (?!not\b|never\b|don't\b)\w+)? (want|going|plan|planning|about|tempted) to (kill|stab|shoot|strangle|murder|hurt|batter|smother|poison) " + Victim + @"\b" +
            @"|\b(urge|urges|thoughts) (to|of) (hurt|harm|kill|hurting|harming|killing) (my (baby|kids?|children|son|daughter)|someone|people|him|her)\b" +
            @"|\b(ways|how) to make (him|her|them) pay\b|\b(pillow|cushion|my hands?) over (his|her|their|the baby's|my baby's|mum's|dad's) (face|mouth)\b|\brun(ning)? (him|her|them|his car|her car|their car) off the road\b|\b(burn|burning|torch|torching|crash|crashing|ram|ramming|run|running)\b[^.!?]{0,40}?\bwith (him|her|them) (still )?in it\b"),

        // Floor-only rules (not yet cues of the risk model): kinds of red flag found missed in messages by other writers.
        new("rope_is_up", RiskLevel.Imminent, @"\b(rope|noose)('s| is| has been)? (up|hung|hanging|tied up)\b", Cue: false),
        new("overdose_as_they_type", RiskLevel.Imminent,
            @"\b(chewing|swallowing|taking|necking|popping|eating|downing) (my |the |all my |all the |them |these )?(" + Pills + @" )?(one (by|after) one|as i type|while i type|as we speak|while we talk)\b",
            Cue: false),
        new("someone_unresponsive", RiskLevel.Imminent,
            @"\b(he|she|they|he's|she's|they're|baby|mate|friend|son|daughter|brother|sister|partner|boyfriend|girlfriend|husband|wife|dad|mum|mom)('s| is| are)? (isn't|is not|isnt|not|stopped|has stopped|'s stopped) breathing\b" +
            @"|\bunresponsive\b|\b(lips|face|he|she)('s| is| are)? (going|turning|gone) blue\b|\b(can't|cant|cannot|won't|wont) wake (him|her|them)\b(?!( up)? (for|in the|before|on time|early))" +
            @"|\b(overdosed|od'd|took \w+|taken \w+)[^.!?]{0,20}?\b(won't|wont|will not) (wake up|come round)\b",
            Cue: false),
        new("drinking_to_death", RiskLevel.High, @"\b(drink|drinking|starve|starving) my ?self to death\b", PastLevel: RiskLevel.Low, Cue: false),
        new("leaving_the_service", RiskLevel.High,
            @"\b(won't|will not|wont) need (the|this|your) (service|chat|helpline|line)( after \w+ \w+| again| anymore| any more)\b(?!,? (because|as|now|since|i'm (doing|feeling)|thanks to))",
            Cue: false),
        new("asking_how_high", RiskLevel.High,
            @"\bhow (high|tall|far)( up)? (does|do|would|should|must) (a|the|you) (building|bridge|fall|drop|jump|car park|cliff|balcony|roof)( \w+){0,2}? (need|have) to be\b" +
            @"|\bhow (high|far) (would|do|does|should) (i|you|someone|a person) (need|have) to (fall|jump)\b",
            PastLevel: RiskLevel.Low, Cue: false),

        // Passive thoughts of death, feeling a burden, urges without intent.
        new("passive_death_wish", RiskLevel.Moderate,
            @"\bwish(ed)? i (was|were|wasn't|weren't|could|had never been|was never|were never) (dead|gone|never born|born|not here|not alive|disappear|sleep forever|go to sleep and (not|never) wake up|just not wake up|not exist|here)\b" +
            @"|\b(don't|do not) want to (be here|exist|be alive|live|wake up)( anymore| any more)?\b|\bwant(ing)? to (die|be dead|not exist|not be here|stop existing)\b" +
            @"|\bno (reason|point) (to|in) (live|living|go on|going on|being alive|carrying on|being here)\b|\b(tired|sick) of (living|being alive|existing|life)\b(?! (two|a double|a lie|in|with|like|on|out|here|at|together))" +
            @"|\bhope i (don't|never) wake up\b|\bpassive(ly)? suicidal\b|\bwouldn't mind if i (died|didn't wake up|got hit)\b",
            PastLevel: RiskLevel.Low),
        new("feeling_a_burden", RiskLevel.Moderate,
            @"\bbetter off without me\b|\bbetter off if i (was|were|wasn't|weren't) (dead|gone|not here|never born|here|around)\b|\b(i'm|i am) (just |such )?a burden\b" +
            @"|\bworld (would be|is) better without me\b|\b(nobody|no one) would (miss|notice|care) if i (was|were|died|disappeared|was gone|wasn't here)\b",
            PastLevel: RiskLevel.Low),
        new("self_harm_urge", RiskLevel.Moderate,
            @"\b(urge|urges|want|wanting|tempted|itching) to (cut|hurt|harm|burn) my ?self\b|\burges? to self harm\b"),
    ];

    /// <summary>Violent-sounding phrases that are not risk; they are blanked before the rules run.</summary>
    public static IReadOnlyList<string> Idioms { get; } =
    [
        @"(?<!\b(he|she|they|he's|she's|they're|husband|boyfriend|partner|ex) (is )?)\bkilling me\b",
        @"\b(die|died|dying|dead)( of| from| with)? (embarrassment|shame|boredom|cringe|laughter|laughing|happiness|jealousy|envy|curiosity|excitement|exhaustion)\b",
        @"\bdying (to (see|know|try|go|get|meet|hear|tell|find out|visit|have)|for (a|an|some) \w+)\b",
        @"\b(i'd|i would|could|would) (kill|murder) (for|a|an|some) \w+",
        @"\b(killed|killing|smashed|nailed) it\b",
        @"\b(bored|scared|worried|frightened|tired|sick|freezing) to death\b",
        @"\bdead (tired|on my feet|beat|serious|jealous|excited|nervous|bored)\b",
        @"\b(i'm|i am) (literally )?dead( lol| haha|$)",
        @"\b(mum|mom|mam|dad|mother|father|parents|teacher|boss|coach|daughter|son|sister|brother|nan|gran|grandma|grandad|wife)( is|'s|'ll| will| are|'re|s)? (going to |gonna )?(literally |actually )?(kill|murder) me\b",
        @"\b(could|might) (literally )?(kill|murder|strangle) (him|her|them|my \w+)\b",
        @"\bkill(ing)? (some )?time\b",
        @"\bover my dead body\b|\bto die for\b|\b(the|be the) death of me\b",
        @"\b(kill|killed|killing|kills) (the|a|my) (vibe|mood|buzz|battery|lights?|engine|conversation|weeds|plants?|spiders?|wasps?|flies|fly|game)\b",
        @"\b(jump|jumped|jumping) at the (chance|opportunity)\b",
        @"\b(overdose|overdosed|overdosing) on (chocolate|caffeine|coffee|sugar|netflix|tv|cake|sweets|crisps|candy)\b",
        @"\bcut my ?self (shaving|cooking|chopping|on (a|the|some)|by accident|accidentally)\b",
        @"\b(shoot|kill) me now\b",
        @"\bkill a horse\b",
    ];

    /// <summary>Words that take back a statement when they stand shortly before it in its clause.</summary>
    public const string Negation =
        @"\b(not|never|don't|do not|won't|will not|wouldn't|would not|nor|no(?! one| longer| matter| point| reason)|(asked|asks|asking) (me )?(about|if|whether))\b(?! (stop|help|get rid|shake|escape|ignore|resist|fight|seem to|stand))";

    /// <summary>Doubt before a negation gives it back its weight: "I can't promise I won't".</summary>
    public const string Doubt =
        @"\b(can't promise|cannot promise|not sure|don't know if|don't know whether|no guarantee|scared|afraid|worried|unless|not certain)\b";

    /// <summary>The message itself says it was not meant: the rules below imminent stand down.</summary>
    public const string Disclaimer =
        @"\b(didn't|did not|don't|do not) mean it\b|\bnot literally\b|\b(it's|its) (just )?a saying\b|\bfigure of speech\b|\bbefore anyone panics\b";

    /// <summary>The sentence speaks of the past, not of now: the rule's signal is kept, but the risk is left to the model.</summary>
    public const string Past =
        @"\b((\d+|a few|few|several|two|three|four|five|six|seven|eight|nine|ten|many|some|a couple of) (years|months|yrs) ago|used to|when i was (younger|a kid|a teen|a teenager|little|at school|at uni|in school|\d+)" +
        @"|as a (teen|teenager|kid|child)|back (then|in)|in (19|20)\d\d|in the past|years back|last year|ages ago|a long time ago|long ago|haven't[^.!?]{0,30}\b(since|for|in) (\d+|a|a few|two|three|four|five|six|many|several) (years|months|yrs)|clean for|survived|survivor|in recovery|it's over now|i was in a relationship)\b";
}
