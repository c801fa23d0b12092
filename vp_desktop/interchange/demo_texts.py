"""Word material for the demo generator: fictitious names, organisations and note fragments.

Everything here is invented. Event fragments are Dutch subordinate clauses (verb last) that
follow an opener such as "Melder vertelt dat"; ``{m}``, ``{m_o}`` and ``{m_p}`` stand for the
melder as subject, object and possessive ("zij/haar/haar", "hij/hem/zijn", or "melder/melder/
diens" when the gender is not recorded); ``{sinds}`` is a time phrase.
"""

from __future__ import annotations

# fmt: off

ORGANISATIONS: tuple[tuple[str, int], ...] = (  # (name, relative size)
    ("Gemeente Lindeveen", 10),
    ("Gemeente Brakelmonde", 7),
    ("Gemeente Wolderhaven", 5),
    ("Werkbedrijf Regio Lindeveen", 3),
    ("Gemeente Oosterkamp-Veldhuizen", 3),
    ("Belastingsamenwerking Noorderplassen", 2),
    ("Omgevingsdienst De Heggen", 2),
)

PROFILE_NAMES = ("Anne de Wit (demo)", "Marleen Hoekstra (demo)", "Joris van Eck (demo)")

FIRST_NAMES_F = (
    "Anouk", "Sanne", "Fleur", "Linnéa", "Zoë", "Chloë", "Renée", "Ingrid", "Mieke", "Fatima",
    "Ayşe", "Priya", "Eline", "Ilse", "Thu Trang", "Noor", "Marieke", "Hanneke", "Saskia",
    "Yasmina", "Lotte", "Joke", "Esra", "Gülsen", "Aïcha", "Brechtje",
)
FIRST_NAMES_M = (
    "Daan", "Bram", "Sem", "Mohammed", "Yusuf", "Thijs", "Joost", "Kees", "Gerrit", "André",
    "José", "Noël", "Hüseyin", "Minh", "Ruud", "Sjoerd", "Wouter", "Rachid", "Bart", "Jeroen",
    "Mehmet", "Tjeerd", "Stijn", "Frits", "Ömer", "Dirk-Jan",
)
SURNAMES = (
    "de Vries", "van den Berg", "van 't Hof", "Jansen-de Boer", "Özdemir", "Çelik", "El Amrani",
    "Nguyen", "Bakker", "Visser", "Smit", "Mulder", "de Jong", "van Dijk", "Bos", "Vos",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Groot", "Kaya", "Yılmaz", "Boukhari",
    "van der Meer", "ten Brink", "in 't Veld", "Verhoeven", "IJzerman", "d'Hondt",
    "Bakker-van Dam", "Tran", "Ramdin", "Koç", "Wijnands", "van Aalst-Smeets", "Haddou",
    "Schuurmans", "Postma", "Kramer", "Zwart",
)

# fmt: on

SINDS = (
    "sinds een paar maanden",
    "al langere tijd",
    "sinds de reorganisatie",
    "sinds de zomer",
    "de laatste weken",
    "sinds de verhuizing naar het nieuwe kantoor",
    "al ruim een jaar",
)

OPENERS = (
    "Melder vertelt dat",
    "Melder geeft aan dat",
    "Melder legt uit dat",
    "In het gesprek komt naar voren dat",
    "Melder maakt zich zorgen omdat",
    "Melder meldt dat",
    "Melder beschrijft hoe",
    "Het blijkt dat",
)

EVENTS: dict[str, tuple[str, ...]] = {
    "pesten": (
        "collega's {sinds} stoppen met praten als {m} binnenkomt",
        "{m} structureel niet wordt uitgenodigd voor de lunch en het teamuitje",
        "er in de teamapp grappen over {m_o} worden gemaakt",
        "een collega {sinds} kleinerende opmerkingen maakt over het werk van {m_o}",
        "de teamleider {m_o} in het werkoverleg regelmatig belachelijk maakt",
        "{m} na het melden van een fout door de groep wordt buitengesloten",
        "op de afdeling een bijnaam voor {m_o} rondgaat die {m} kwetsend vindt",
    ),
    "seksuele_intimidatie": (
        "een collega {sinds} opmerkingen maakt over het uiterlijk van {m_o}",
        "{m} tijdens de personeelsborrel ongewenst is aangeraakt",
        "{m} 's avonds berichten met seksuele toespelingen krijgt van een collega",
        "een leidinggevende herhaaldelijk te dicht bij {m_o} komt staan",
        "er tijdens de reünie van de afdeling grensoverschrijdende opmerkingen zijn gemaakt",
    ),
    "discriminatie": (
        "er op de afdeling grappen worden gemaakt over {m_p} afkomst",
        "{m} het gevoel heeft vanwege {m_p} geloofsovertuiging niet aan de balie te worden ingeroosterd",
        "{m} bij een sollicitatiegesprek vragen kreeg over een kinderwens",
        "een collega opmerkingen maakt over {m_p} leeftijd en 'de oude garde'",
        "{m} bij de verdeling van opleidingsplekken steeds wordt overgeslagen",
    ),
    "agressie_geweld": (
        "een inwoner {m_o} aan de balie heeft uitgescholden en bedreigd",
        "een klant tijdens een huisbezoek agressief werd en {m_o} de weg versperde",
        "{m} op sociale media is bedreigd na een besluit over een vergunning",
        "een collega tijdens een ruzie met een map naar {m_o} heeft gegooid",
        "een inwoner {m_o} na afloop van het spreekuur op de parkeerplaats heeft opgewacht",
    ),
    "intimidatie_bedreiging": (
        "de leidinggevende dreigt met een slechte beoordeling als {m} kritiek blijft uiten",
        "{m} onder druk wordt gezet om overuren niet te registreren",
        "een collega {m_o} in de gang op dreigende toon heeft aangesproken",
        "{m} na een kritische vraag in het werkoverleg te horen kreeg 'goed op te passen'",
    ),
    "omgaan_met_elkaar": (
        "de sfeer in het team {sinds} erg gespannen is",
        "collega's elkaar in de teamapp openlijk de les lezen",
        "afspraken in het team niet worden nagekomen en niemand daar iets van zegt",
        "de coördinator en een collega elkaar niet meer groeten",
    ),
    "beinvloeding_corruptie": (
        "een leverancier een collega heeft uitgenodigd voor een weekend weg",
        "een aannemer elk jaar kerstpakketten ver boven de € 50 stuurt",
        "een collega een envelop met geld zou hebben aangenomen van een aanvrager",
    ),
    "belangenverstrengeling": (
        "een collega opdrachten gunt aan het bedrijf van een familielid",
        "een leidinggevende een nevenfunctie heeft die niet is gemeld",
        "een collega de vergunningaanvraag van een goede bekende zelf afhandelt",
    ),
    "omgaan_met_informatie": (
        "een collega vertrouwelijke informatie over inwoners deelt in een privé-appgroep",
        "er dossiers met persoonsgegevens onbeheerd bij de printer blijven liggen",
        "een collega uit nieuwsgierigheid de gegevens van een bekende heeft opgezocht",
    ),
    "spullen_gemeente": (
        "een collega materialen van de werkplaats mee naar huis neemt",
        "een dienstauto ook voor privéritten wordt gebruikt",
        "er laptops van de afdeling zijn verdwenen zonder dat iemand dat meldt",
    ),
    "bevoegdheden": (
        "facturen worden goedgekeurd zonder tweede handtekening",
        "het vierogenprincipe bij betalingen structureel wordt omzeild",
        "een teamleider besluiten neemt waarvoor het mandaat ontbreekt",
    ),
    "onafhankelijk_adviseren": (
        "een advies aan het college op verzoek van een wethouder is aangepast",
        "{m} onder druk is gezet om een negatief advies positief te formuleren",
    ),
    "gedrag_privesfeer": (
        "een collega zich op sociale media denigrerend uitlaat over inwoners",
        "een collega in de privésfeer betrokken is bij een conflict met een aanvrager",
    ),
    "vermoeden_misstand": (
        "er bij de aanbesteding van het groenonderhoud mogelijk met de regels is gesjoemeld",
        "er in het archief stukken verdwijnen die voor een lopende rechtszaak nodig zijn",
        "de veiligheidsvoorschriften op de milieustraat stelselmatig worden genegeerd",
        "subsidiegeld mogelijk is gebruikt voor andere doelen dan waarvoor het is toegekend",
        "meetgegevens over de bodemvervuiling bij een bouwproject zouden zijn aangepast",
    ),
    "arbeidsconflict": (
        "er een conflict is met de leidinggevende over de uitkomst van het jaargesprek",
        "{m} het niet eens is met een overplaatsing naar een ander team",
        "de relatie met de leidinggevende {sinds} ernstig verstoord is",
        "{m} en de coördinator het oneens zijn over de verdeling van het werk",
    ),
    "werkdruk": (
        "de werkdruk {sinds} zo hoog is dat {m} structureel overwerkt",
        "vacatures in het team niet worden ingevuld en het werk blijft liggen",
        "{m} zich niet gesteund voelt nu het team de achterstanden moet wegwerken",
        "er steeds nieuwe taken bijkomen zonder dat er iets af gaat",
    ),
    "prive": (
        "{m} een zieke ouder verzorgt en werk en privé moeilijk kan combineren",
        "{m} in een scheiding zit en het op het werk nauwelijks volhoudt",
        "{m} financiële zorgen heeft en niet weet bij wie dat kan worden aangekaart",
    ),
    "overig_anders": (
        "er onduidelijkheid is over wat de vertrouwenspersoon wel en niet kan doen",
        "de klachtenregeling en de termijnen niet duidelijk zijn",
        "een situatie van een paar jaar geleden {m_o} nog steeds bezighoudt",
    ),
}

FEELINGS = (
    "Melder slaapt slecht en ziet op tegen het werk.",
    "Melder is boos, maar vooral teleurgesteld.",
    "Melder voelt zich niet serieus genomen.",
    "Melder is emotioneel tijdens het gesprek en heeft tijd nodig om het verhaal te doen.",
    "Melder twijfelt of het wel ernstig genoeg is om er iets mee te doen.",
    "Melder is bang voor de gevolgen als bekend wordt dat er een melding is.",
    "Melder wil vooral dat het stopt en heeft geen behoefte aan een formele procedure.",
    "Melder voelt zich alleen staan in het team.",
    "Melder is opgelucht dat het verhaal eindelijk verteld kan worden.",
    "Melder merkt dat het ook privé zijn weerslag heeft.",
    "Melder is strijdbaar en wil dat er iets verandert.",
    "Melder schaamt zich en vindt het moeilijk om erover te praten.",
    "Melder maakt een rustige indruk, maar geeft aan al weken onrustig te slapen.",
)

DISCUSSED = (
    "Besproken welke mogelijkheden er zijn: een gesprek met de leidinggevende, een informele "
    "oplossing of een formele klacht.",
    "Uitgelegd wat de rol van de vertrouwenspersoon is en dat er niets gebeurt zonder "
    "toestemming van melder.",
    "Samen de gebeurtenissen op een tijdlijn gezet.",
    "Besproken hoe melder het gesprek met de leidinggevende kan voorbereiden; melder heeft "
    "zelf al goede ideeën.",
    "Besproken wat melder nodig heeft om het werk vol te houden.",
    "Gekeken naar wat melder al zelf heeft geprobeerd en wat daarvan werkte.",
    "Besproken dat privé en werk elkaar nu sterk beïnvloeden.",
    "Stilgestaan bij de rol van de bedrijfsarts en de mogelijkheid van een consult.",
)
DISCUSSED_BY_DOMAIN: dict[str, tuple[str, ...]] = {
    "ongewenst_gedrag": (
        "Gesproken over de klachtenregeling en de termijn van twee jaar bij de LKOG.",
        "Besproken hoe melder de voorvallen kan vastleggen voor een eventuele klacht.",
    ),
    "integriteit": (
        "Besproken dat de integriteitscoördinator kan meedenken over een melding.",
        "Uitgelegd wat de gedragscode zegt over geschenken, nevenwerk en privérelaties.",
    ),
    "misstand": (
        "Uitgelegd hoe de interne meldprocedure werkt en wat het Huis voor Klokkenluiders "
        "kan doen.",
        "Besproken welke bescherming de Wet bescherming klokkenluiders melder biedt.",
        "Besproken dat de organisatie binnen zeven dagen de ontvangst moet bevestigen.",
    ),
}

PROGRESS = (
    "Het gesprek met de leidinggevende heeft plaatsgevonden; melder voelt zich gehoord.",
    "Sinds het vorige gesprek is de situatie niet veranderd.",
    "Melder heeft de voorvallen opgeschreven en het overzicht meegenomen.",
    "Er is een reünie van de oude afdeling geweest; melder zag daar tegenop, maar het viel mee.",
    "Melder heeft privé een zware periode; dat maakt het op het werk extra zwaar.",
    "Melder heeft met HR gesproken over een andere werkplek.",
    "Het gesprek met de coördinator is uitgesteld; melder is daar onrustig over.",
    "Melder merkt dat de sfeer iets beter is sinds het teamoverleg anders is ingericht.",
)
PROGRESS_BY_DOMAIN: dict[str, tuple[str, ...]] = {
    "ongewenst_gedrag": (
        "De collega heeft excuses aangeboden, maar melder vertrouwt het nog niet helemaal.",
        "Melder heeft besloten voorlopig geen formele klacht in te dienen.",
        "De situatie is verslechterd: er is opnieuw een voorval geweest.",
    ),
    "integriteit": (
        "De integriteitscoördinator heeft contact opgenomen met melder.",
        "Melder twijfelt nog of een melding zin heeft; er is niets veranderd.",
    ),
    "misstand": (
        "Melder heeft de melding intern gedaan en wacht op een reactie.",
        "De organisatie heeft de ontvangst van de melding bevestigd.",
        "Melder heeft advies gevraagd bij het Huis voor Klokkenluiders.",
    ),
    "overig": (
        "Melder heeft contact gehad met de bedrijfsarts en werkt weer halve dagen.",
        "Er zijn afspraken gemaakt over de verdeling van het werk; melder merkt al verschil.",
    ),
}

CLOSINGS = (
    "Melder geeft aan dat het nu goed gaat en dat verdere begeleiding niet nodig is.",
    "Afsluitend gesprek: de situatie is naar tevredenheid van melder opgelost.",
    "Melder is overgestapt naar een andere afdeling; het dossier kan worden gesloten.",
    "Melder ziet af van verdere stappen en wil het afsluiten.",
    "De klachtprocedure loopt; melder heeft de vertrouwenspersoon daarvoor niet meer nodig.",
    "Melder is doorverwezen en heeft daar inmiddels een eerste afspraak gehad.",
)

ADVICE = (
    "Advies: eerst zelf het gesprek aangaan, eventueel na een voorbereidend gesprek.",
    "Advies: een collega vragen om als getuige aanwezig te zijn bij het gesprek.",
    "Advies: rust nemen en pas daarna een besluit nemen over vervolgstappen.",
    "Advies: bewijsstukken (berichten, mails) bewaren op een privé-plek.",
)
ADVICE_BY_DOMAIN: dict[str, tuple[str, ...]] = {
    "ongewenst_gedrag": (
        "Advies: de voorvallen met datum en tijd bijhouden in een logboek.",
        "Advies: de mogelijkheid van mediation bespreken met de leidinggevende.",
    ),
    "integriteit": (
        "Advies: de integriteitscoördinator inschakelen.",
        "Advies: de melding schriftelijk doen en een ontvangstbevestiging vragen.",
    ),
    "misstand": (
        "Advies: de melding schriftelijk doen en een ontvangstbevestiging vragen.",
        "Advies: eerst vertrouwelijk advies vragen bij het Huis voor Klokkenluiders.",
    ),
    "overig": (
        "Advies: contact opnemen met de bedrijfsarts.",
        "Advies: de werkdruk concreet maken met een overzicht van taken en uren.",
    ),
}

AGREEMENTS = (
    "Afspraak: melder belt over twee weken terug.",
    "Afgesproken dat melder eerst nadenkt over de opties; vervolggesprek over drie weken.",
    "Melder laat weten hoe het gesprek met de teamleider is verlopen.",
    "Afspraak: ik bel melder volgende week om te horen hoe het gaat.",
    "Melder neemt zelf contact op als dat nodig is.",
    "Afgesproken dat melder het logboek meeneemt naar het volgende gesprek.",
    "Afspraak: volgend gesprek na het overleg met HR.",
)

SUMMARY_TOPICS: dict[str, str] = {
    "pesten": "pesten door collega's",
    "seksuele_intimidatie": "seksuele intimidatie",
    "discriminatie": "discriminatie op het werk",
    "agressie_geweld": "agressie van een inwoner of klant",
    "intimidatie_bedreiging": "intimidatie en dreigende taal",
    "omgaan_met_elkaar": "spanningen in het team",
    "beinvloeding_corruptie": "geschenken en uitnodigingen van een leverancier",
    "belangenverstrengeling": "mogelijke belangenverstrengeling",
    "omgaan_met_informatie": "zorgvuldig omgaan met vertrouwelijke gegevens",
    "spullen_gemeente": "gebruik van spullen van de organisatie",
    "bevoegdheden": "omzeilen van bevoegdheden",
    "onafhankelijk_adviseren": "druk op een advies aan het bestuur",
    "gedrag_privesfeer": "gedrag in de privésfeer",
    "vermoeden_misstand": "vermoeden van een misstand",
    "arbeidsconflict": "conflict met de leidinggevende",
    "werkdruk": "hoge werkdruk",
    "prive": "privéomstandigheden",
    "overig_anders": "vragen over de rol van de vertrouwenspersoon",
}

SUMMARY_REQUESTS = (
    "melder wil vooral een luisterend oor",
    "melder zoekt advies over de mogelijkheden",
    "melder overweegt een formele klacht",
    "melder wil het informeel oplossen",
    "melder wil weten hoe een melding werkt",
    "melder wil eerst zelf het gesprek aangaan",
)

CONTACT_ARRANGEMENTS_ANONYMOUS = (
    "contactcode K-{code}",
    "belt zelf terug",
    "mailt vanaf een privéadres; alleen per mail antwoorden",
    "belt zelf terug, contactcode M-{code}",
    "afspraak via de receptie onder code {code}",
)
CONTACT_ARRANGEMENTS_NAMED = (
    "liever niet bellen onder werktijd",
    "alleen op het privénummer bellen",
    "na 17.00 uur bellen",
    "mail naar het privéadres, niet naar het werkadres",
)

PERSON_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "collega": (
        "collega",
        "collega van de buitendienst",
        "collega Burgerzaken",
        "collega van het klantcontactcentrum",
    ),
    "leidinggevende": ("teamleider", "afdelingshoofd", "coördinator", "teamleider Sociaal Domein"),
    "hoger_management": ("directeur", "gemeentesecretaris", "wethouder", "concerncontroller"),
    "ondergeschikte": ("medewerker uit het eigen team", "nieuwe medewerker"),
    "extern_inwoner": ("inwoner", "aanvrager van een vergunning"),
    "extern_klant": ("klant van het werkbedrijf", "cliënt"),
    "extern_leverancier": ("accountmanager van een leverancier", "aannemer"),
}
WITNESS_DESCRIPTIONS = ("collega die erbij was", "collega van een ander team", "stagiair")
MANAGER_DESCRIPTIONS = ("eigen leidinggevende", "leidinggevende van de teamleider", "HR-adviseur")
OTHER_DESCRIPTIONS = (
    "HR-adviseur",
    "vertrouwenspersoon van de vakbond",
    "bedrijfsmaatschappelijk werker",
)

FOLLOW_UP_TEXTS: dict[str, tuple[str, ...]] = {
    "terugbellen": (
        "Melder terugbellen over het gesprek met de leidinggevende",
        "Terugbellen: hoe gaat het nu?",
        "Melder bellen na de vakantie",
    ),
    "contact": (
        "Nazorggesprek plannen",
        "Navragen hoe het teamoverleg is verlopen",
        "Vervolgafspraak maken na het gesprek met HR",
        "Even contact opnemen na de reünie",
    ),
    "doorverwijzing": (
        "Nagaan of melder contact heeft gelegd",
        "Gegevens voor de doorverwijzing aan melder sturen",
        "Navragen of de eerste afspraak er is geweest",
    ),
    "overig": (
        "Informatie over de klachtenregeling opsturen",
        "Logboeksjabloon naar melder mailen",
        "Signaal over patroon meenemen in het jaarverslag (zonder namen)",
    ),
}
