"""The words the ingest corpus's news is made of: people, bodies, places, weapons, topics, claims, quotes."""

# (how a body sentence names them, how a headline does)
PEOPLE = [
    ("Ukrainian President Volodymyr Zelensky", "Zelensky"),
    ("Russian President Vladimir Putin", "Putin"),
    ("Nato Secretary General Mark Rutte", "Rutte"),
    ("Kremlin spokesman Dmitry Peskov", "Peskov"),
    ("Russian Foreign Minister Sergei Lavrov", "Lavrov"),
    ("Ukraine's Foreign Minister Andrii Sybiha", "Sybiha"),
    ("EU foreign policy chief Kaja Kallas", "Kallas"),
    ("French President Emmanuel Macron", "Macron"),
    ("German Chancellor Olaf Scholz", "Scholz"),
    ("Polish Prime Minister Donald Tusk", "Tusk"),
    ("Hungarian Prime Minister Viktor Orban", "Orban"),
    ("Belarusian leader Alexander Lukashenko", "Lukashenko"),
    ("IAEA Director General Rafael Grossi", "Grossi"),
    ("US Secretary of State Antony Blinken", "Blinken"),
    ("Ukraine's army chief Oleksandr Syrskyi", "Syrskyi"),
    ("British Defence Secretary John Healey", "Healey"),
    ("Finnish President Alexander Stubb", "Stubb"),
    ("Russian Defence Minister Andrei Belousov", "Belousov"),
]
BODIES = [
    "the Kremlin",
    "NATO",
    "the European Commission",
    "Ukraine's general staff",
    "Russia's defence ministry",
    "Ukraine's air force",
    "the UN human rights office",
    "the Institute for the Study of War",
    "Ukraine's energy ministry",
    "the regional military administration",
]
CITIES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Lviv", "Poltava"]
REGIONS = [
    "the Donetsk region",
    "the Kharkiv region",
    "the Zaporizhzhia region",
    "the Kursk region",
    "the Belgorod region",
    "the Luhansk region",
    "the Sumy region",
    "the Dnipropetrovsk region",
]
FRONT = ["Pokrovsk", "Chasiv Yar", "Toretsk", "Kurakhove", "Vuhledar", "Kupiansk", "Siversk", "Lyman", "Robotyne"]
VILLAGES = [
    "Novoselivka",
    "Krasnohorivka",
    "Ostrivske",
    "Illinka",
    "Petrivka",
    "Zhelanne",
    "Mykolaivka",
    "Vodiane",
    "Stepove",
    "Hrodivka",
    "Orlivka",
    "Tonenke",
    "Kalynove",
    "Lozuvatske",
]
CAPITALS = ["Moscow", "Brussels", "Washington", "Berlin", "Warsaw", "Paris", "London", "Minsk", "Vilnius", "Geneva"]
WEAPONS = ["drone", "missile", "glide bomb", "artillery shell", "ballistic missile", "cruise missile"]
TARGETS = [
    "a residential building",
    "a power substation",
    "a grain terminal",
    "a railway depot",
    "a shopping centre",
    "a hospital",
    "a school gym",
    "a gas storage site",
    "a fuel depot",
    "a bridge",
]
TOPICS = [
    "security guarantees",
    "a possible ceasefire",
    "frozen Russian assets",
    "long-range missiles",
    "winter energy support",
    "Ukraine's bid to join the alliance",
    "sanctions on Russian oil",
    "a prisoner exchange",
    "the safety of the Zaporizhzhia nuclear plant",
    "air defence deliveries",
    "grain exports across the Black Sea",
]
ASKS = [
    "allies to speed up air defence deliveries",
    "partners to lift limits on long-range strikes",
    "the EU to agree a new sanctions package",
    "Washington to keep military aid flowing",
    "Europe to spend more on defence",
    "the UN to send monitors to the nuclear plant",
]
CLAIMS = [
    "Russia is not interested in peace",
    "talks on security guarantees made progress",
    "the front line is holding despite heavy assaults",
    "sanctions are hurting the Russian economy",
    "Moscow is ready to talk on its own terms",
    "the West is prolonging the war",
    "air defence saved hundreds of lives this week",
    "no ceasefire is possible without Ukraine at the table",
]
QUOTES = [
    "We need air defence now, not next spring",
    "Every day of delay is paid for with Ukrainian lives",
    "Our troops are holding the line, but the pressure is enormous",
    "There will be no decision about Ukraine without Ukraine",
    "Moscow has shown no sign that it wants this war to end",
    "We are ready for talks, but not for capitulation",
    "The situation at the front remains difficult but under control",
    "The people of this city have spent another night in shelters",
    "What we saw this morning was a deliberate attack on civilians",
    "Our support will last as long as it takes",
]
SUBJECT_BODIES = ["Kremlin", "Nato", "Kyiv", "Moscow", "EU", "Pentagon", "UN", "G7", "Ukraine's army", "Russia"]
ACCUSATIONS = [
    "stalling peace efforts",
    "hiding casualty figures",
    "sabotage on European railways",
    "deporting children from occupied areas",
    "nuclear blackmail",
    "breaking a promised truce",
    "jamming GPS over the Baltic",
    "striking rescuers in a double-tap attack",
]
PROPOSALS = [
    "calls for a winter truce",
    "peace plan drafted by mediators",
    "talks with Moscow before elections",
    "demand to withdraw troops from the east",
    "prisoner swap terms",
    "cap on Russian oil prices",
]
VOWS = [
    "rebuild the power grid before winter",
    "keep the grain corridor open",
    "answer every strike on civilians",
    "stand by Kyiv for as long as it takes",
    "double shell production next year",
    "bring deported children home",
]
OFFICIALS = [
    "deputy defence minister",
    "regional governor",
    "air defence commander",
    "procurement chief",
    "army spokesman",
]
FAILURES = [
    "drone factory fire",
    "corruption probe",
    "losses near the border",
    "failed counteroffensive",
    "spy scandal",
]
REPORTERS = ["Olena Marchuk", "Tom Ashworth", "Priya Nair", "Daniel Kovac", "Sarah Whitfield", "Marek Zielinski"]
AGENCIES = ["Reuters", "AP", "AFP", "Ukrinform"]
RELATED = ("You might also like", "Related stories", "Most read", "More on this story")
