"""The demonstration annual report: 2021-2022, “L’audace de s’adapter”, from the report as first
published (/work/shared/seed). French is the source; English is its wagtail-localize translation.

Facts, figures, names, dates, titles and short list items are kept as published, mistakes
included: the loader checks them against the site's data rules and says what it cannot show.
Longer prose (messages, project descriptions, mission, vision) is a shorter summary in our own
words. Where the published page showed a graphic, the text keeps its labels but not its figures
(the pictures held them: meetings held, team head counts, newsletters sent…): the labels are
here, as lists, and the figures are not, never made up. A graphic of which the text keeps only
the title (“Proportions d’heures de services par département”) is left out.

Each French string is written beside its English: `t(french, english)` returns the French and
records the pair in `ENGLISH` (source text → English text), the dictionary given to
`editorial.localization.publish_translation`.
"""

import datetime
from decimal import Decimal

ENGLISH = {}


def t(french, english):
    """The French text, recording its English translation."""
    if ENGLISH.get(french, english) != english:
        raise ValueError(f"Two English translations for {french!r}")
    ENGLISH[french] = english
    return french


def same(text):
    """A name that reads the same in English (organisation, programme or network names)."""
    return t(text, text)


def rich_text(*paragraphs):
    """Paragraphs of rich text from (French, English) pairs; ("h3", (fr, en)) for a sub-heading,
    ("ul", [(fr, en), …]) for a list."""
    html = []
    for paragraph in paragraphs:
        if paragraph[0] == "h3":
            html.append(f"<h3>{t(*paragraph[1])}</h3>")
        elif paragraph[0] == "ul":
            items = "".join(f"<li>{t(*item)}</li>" for item in paragraph[1])
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{t(*paragraph)}</p>")
    return "".join(html)


# The text never states the fiscal year's dates: its dated events run from May 2021 to
# March 2022, which fits the April-to-March year these dates assume. They only choose the
# year's board mandates and new members: the report does not state them (its cover says
# “Exercice 2021-2022”), and the loader says so.
FISCAL_YEAR_START = datetime.date(2021, 4, 1)
FISCAL_YEAR_END = datetime.date(2022, 3, 31)

# ---------------------------------------------------------------------------------------------
# Members: people, board roles, membership categories, board mandates, new member organisations
# ---------------------------------------------------------------------------------------------

# Honorifics only where the text gives them.
PEOPLE = [
    {"honorific": "mr", "first_name": "Yvan", "last_name": "Laurin"},
    {"honorific": "", "first_name": "Martin-Charles", "last_name": "St-Pierre"},
    {"honorific": "", "first_name": "Lynda", "last_name": "Bélanger"},
    {"honorific": "", "first_name": "Marie-Josée", "last_name": "Paquette"},
    {"honorific": "", "first_name": "Jean R.", "last_name": "Soublière"},
    {"honorific": "mr", "first_name": "J. Benoit", "last_name": "Caron"},
]

# Translatable snippets: (name, order in the board listing).
BOARD_ROLES = [
    (t("Président", "President"), 10),
    (t("Vice-président", "Vice-President"), 20),
    (t("Secrétaire-trésorière", "Secretary-Treasurer"), 30),
    (t("Administratrice", "Director"), 40),
    (t("Administrateur", "Director"), 40),
]

SUPPORT_MEMBER = t("Membre de soutien", "Support member")
MEMBERSHIP_CATEGORIES = [SUPPORT_MEMBER]

# “Composition du conseil d’administration”, as published: “(Membre Exécutif)” marks the
# executive committee; a member category is given for Yvan Laurin only.
BOARD = [
    {
        "person": ("Yvan", "Laurin"),
        "role": "Président",
        "executive_committee": True,
        "member_category": SUPPORT_MEMBER,
    },
    {
        "person": ("Martin-Charles", "St-Pierre"),
        "role": "Vice-président",
        "executive_committee": True,
    },
    {
        "person": ("Lynda", "Bélanger"),
        "role": "Secrétaire-trésorière",
        "executive_committee": True,
    },
    {
        "person": ("Marie-Josée", "Paquette"),
        "role": "Administratrice",
        "executive_committee": True,
    },
    {"person": ("Jean R.", "Soublière"), "role": "Administrateur", "executive_committee": False},
]
# The published list shows one more check mark, with no name, before Jean R. Soublière.
BOARD_UNNAMED_ENTRIES = 1

# “35 nouvelles organisations sont devenues membres en 2021-2022” and “Nouveaux membres 34”.
NEW_MEMBERS_PRINTED_COUNTS = {
    "“35 nouvelles organisations sont devenues membres”": 35,
    "“Nouveaux membres 34”": 34,
}

# The new members as published: the heading of each group (the board meeting that admitted
# them) and its organisations, in the published order.
NEW_MEMBERS = [
    (
        "CA du 7 décembre 2021",
        [
            "Société Alzheimer Outaouais",
            "Société Alzheimer de l’Estrie",
            "Immeuble Populaire de Québec (IPQ) Inc.",
        ],
    ),
    (
        "CA du 19 août 2021",
        [
            "Carpe Diem – Centre d’apprentissage libre",
            "Centre résidentiel et communautaire Jacques-Cartier",
            "Code F. Santé financière pour tous!",
            "Commerce solidaire Québec",
            "Corporation Pax-Habitat",
            "Daniel Léveillée Danse",
            "La Cantine pour tous",
            "Métiers d’art Bas-St-Laurent",
            "Mobility Data",
            "Régénération Canada",
            "Rendez-vous culturels de Saint-Casimir",
            "Société d’habitation Cardinal Vachon",
        ],
    ),
    (
        "CA du 27 octobre 2021",
        [
            "Résidence de la Rive Nord Inc",
            "Réseau d'agriculture urbaine de Québec (RAUQ)",
            "Centrale Alternative",
            "Association sur l'accès et la protection de l'information (AAPI)",
            "La Mine d'Or, entreprise d'insertion sociale",
            "Domaine du Parc Savard",
            "Service budgétaire et communautaire de Chicoutimi",
            "Connec-T, services d'audiodescription",
        ],
    ),
    (
        "29 mars 2022",
        [
            "Centre de transfert pour la réussite éducative du Québec (CTREQ)",
            "Centre d’accès et d’accompagnement au logement subventionné Clés en main",
            "Les Projets VRIX",
            "Société de gestion de la faune de Kamouraska inc. (Zec Chapais)",
            "SDC St-Roch (Société de développement commercial centre-ville de Québec)",
            "Société Alzheimer de la Côte-Nord",
            "Les Éleveurs d’ovins du Québec (LEOQ)",
            "Groupe de ressources techniques Nouvel Habitat (GRT Nouvel Habitat)",
            "Explos-Nature",
        ],
    ),
    ("6 janvier 2022", ["L’Éveil Charlevoisien"]),
]

# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------

INDEX = {
    "title": t("Rapports annuels", "Annual reports"),
    "slug": t("rapports-annuels", "annual-reports"),
    "introduction": t(
        "Chaque année, le Consortium rend compte à ses membres de ses activités, de ses "
        "résultats et de ses projets.",
        "Each year, the Consortium reports to its members on its activities, its results and "
        "its projects.",
    ),
}

REPORT = {
    "title": t("Rapport annuel 2021-2022", "Annual report 2021-2022"),
    "slug": same("2021-2022"),
    "theme": t("L’audace de s’adapter", "Daring to adapt"),
    "general_assembly_date": datetime.date(2022, 10, 14),
    "introduction": t(
        "Une année de croissance : plus de membres, des revenus et une équipe en hausse, et "
        "des membres plus satisfaits que jamais, dans un contexte qui a demandé de s’adapter.",
        "A year of growth: more members, higher revenues, a larger team and members more "
        "satisfied than ever, at a time that called for adaptation.",
    ),
}

PRESIDENT_MESSAGE = {
    "author": ("Yvan", "Laurin"),
    "title": t("Le mot de la présidence", "The president’s message"),
    "slug": t("mot-de-la-presidence", "presidents-message"),
    "author_role": "Président",
    "headline": t(
        "Préparons aujourd’hui le monde de demain", "Preparing today for tomorrow’s world"
    ),
    "introduction": t(
        "Le président du conseil d’administration revient sur le chemin parcouru par le "
        "Consortium et sur une année où la croissance est revenue.",
        "The president of the board looks back on the road the Consortium has travelled and "
        "on a year in which growth returned.",
    ),
    "body": rich_text(
        (
            "C’est avec fierté que je m’adresse de nouveau à vous comme président du conseil "
            "d’administration. Né d’une idée originale, le Consortium est devenu le centre de "
            "services partagés de l’économie sociale.",
            "I am proud to address you once again as president of the board. Born of an "
            "original idea, the Consortium has become the shared-services centre of the "
            "social economy.",
        ),
        (
            "Je salue la vision de ses initiateurs et je remercie les membres fondateurs et le "
            "directeur général, qui ont osé miser sur l’innovation, ainsi que les secteurs "
            "coopératif, mutualiste et de l’économie sociale qui se sont joints à nous au fil "
            "du temps. Plus nos services sont utilisés, plus notre expertise grandit au profit "
            "de toutes les entreprises collectives : c’est l’intercoopération à son meilleur, "
            "où s’aider soi-même, c’est aider les autres.",
            "I salute the vision of its initiators and thank the founding members and the "
            "director general, who dared to bet on innovation, as well as the co-operative, "
            "mutual and social-economy sectors that have joined us over the years. The more our "
            "services are used, the more our expertise grows for the benefit of every "
            "collective enterprise: this is inter-co-operation at its best, where helping "
            "ourselves means helping others.",
        ),
        (
            "Malgré les défis de la crise sanitaire, 2021-2022 a vu le Consortium renouer avec "
            "la croissance, surtout auprès des membres auxiliaires et des membres sous entière "
            "gestion. Merci à la Fédération des coopératives de câblodistribution et de "
            "télécommunication du Québec, qui nous a confié sa gestion : je suis convaincu que "
            "ce partenariat profitera aux deux parties.",
            "Despite the challenges of the public-health crisis, 2021-2022 saw the Consortium "
            "grow again, above all with auxiliary members and fully managed members. Thank you "
            "to the Fédération des coopératives de câblodistribution et de télécommunication du "
            "Québec, which entrusted us with its management: I am convinced that this "
            "partnership will benefit both sides.",
        ),
        (
            "Les années à venir réservent de grands défis à l’économie et à toute la société. "
            "Le marché du travail vit une révolution dont on ne connaît pas encore toutes les "
            "conséquences, mais le Consortium est mieux placé que jamais pour répondre à la "
            "pénurie de main-d’œuvre : l’engagement de ses experts atteint des sommets, et il "
            "sait attirer et garder les talents.",
            "The years ahead hold major challenges for the economy and for society as a whole. "
            "The labour market is going through a revolution whose consequences are not yet all "
            "known, but the Consortium is better placed than ever to respond to the labour "
            "shortage: its experts’ engagement has reached new heights, and it knows how to "
            "attract and keep talent.",
        ),
        (
            "D’où ma fierté : la coopération, cette aventure humaine, ne cesse de prouver sa "
            "pertinence et son efficacité.",
            "Hence my pride: co-operation, that human adventure, never stops proving how "
            "relevant and effective it is.",
        ),
        (
            "Merci aux membres pour leur confiance, aux administrateurs pour leur engagement, "
            "ainsi qu’au directeur général et à tous les experts qui donnent le meilleur "
            "d’eux-mêmes aux entreprises collectives.",
            "Thank you to the members for their trust, to the directors for their commitment, "
            "and to the director general and all the experts who give their best to "
            "collective enterprises.",
        ),
    ),
}

DIRECTOR_MESSAGE = {
    "author": ("J. Benoit", "Caron"),
    "title": t("Le mot de la direction générale", "The director general’s message"),
    "slug": t("mot-de-la-direction-generale", "director-generals-message"),
    "author_role": t("Directeur général", "Director General"),
    "headline": t("2021-2022 : Les fruits de nos efforts", "2021-2022: The fruits of our efforts"),
    "introduction": t(
        "Le directeur général dresse le bilan d’une année de croissance et rend hommage au "
        "président sortant, Yvan Laurin.",
        "The director general reviews a year of growth and pays tribute to the outgoing "
        "president, Yvan Laurin.",
    ),
    "body": rich_text(
        (
            "Je suis fier de l’année écoulée. Après des années de changement et d’adaptation à "
            "la pandémie, 2021-2022 a marqué le retour à une normale nouvelle, à laquelle nous "
            "sommes mieux préparés que jamais.",
            "I am proud of the year just ended. After years of change and of adapting to the "
            "pandemic, 2021-2022 marked the return to a new normal, for which we are better "
            "prepared than ever.",
        ),
        (
            "Retour à la normale ne veut pas dire stagnation : le membrariat, les revenus et "
            "l’équipe ont nettement augmenté, et la satisfaction des membres atteint un niveau "
            "record, grâce au travail de nos directions et au dévouement et à la souplesse de "
            "nos experts.",
            "A return to normal does not mean standing still: membership, revenues and the team "
            "all rose markedly, and member satisfaction has reached a record level, thanks to "
            "the work of our managers and the dedication and flexibility of our experts.",
        ),
        (
            "Nous avons continué de développer nos services et d’embaucher. La hausse des "
            "produits couvre maintenant presque tous les frais d’exploitation, ce qui nous "
            "permet d’atteindre un certain équilibre budgétaire. Malgré la pénurie de "
            "main-d’œuvre que vivent toutes les entreprises québécoises, nos efforts pour "
            "recruter partout au Québec et améliorer les conditions de travail ont porté "
            "fruit : le taux d’engagement des experts est monté à 8,2 sur 10.",
            "We kept developing our services and hiring. Higher revenues now cover almost all "
            "operating expenses, which gives us a certain budgetary balance. Despite the labour "
            "shortage that every Québec business faces, our efforts to recruit all over Québec "
            "and to improve working conditions paid off: the experts’ engagement rate rose to "
            "8.2 out of 10.",
        ),
        (
            "Les défis ne manquent pas : nous devons renforcer notre place sur le marché de "
            "l’emploi et être reconnus comme employeur de choix, amplifier le travail entrepris "
            "pour faire connaître le Consortium, exemple unique de coopération, comme centre de "
            "services partagés de l’économie sociale, et faire reconnaître son rôle par les "
            "institutions gouvernementales. Nous les abordons avec enthousiasme.",
            "There is no shortage of challenges: we must strengthen our place in the job market "
            "and be recognized as an employer of choice, build on the work begun to make the "
            "Consortium, a unique example of co-operation, known as the shared-services centre "
            "of the social economy, and have its role recognized by government institutions. "
            "We take them on with enthusiasm.",
        ),
        (
            "Merci à nos membres, à nos experts, à nos directions et aux membres du conseil "
            "d’administration pour leur soutien et leur confiance.",
            "Thank you to our members, our experts, our managers and the members of the board "
            "for their support and their trust.",
        ),
        (
            "Enfin, hommage à notre président, Yvan Laurin, qui nous quitte après cette "
            "assemblée générale. Présent depuis la constitution du Consortium, et même avant, "
            "il a été pour moi et pour nous tous un phare et un guide, toujours de bon conseil. "
            "Sa contribution est majeure : sans lui, le Consortium ne serait pas ce qu’il est "
            "aujourd’hui. Merci, Yvan, tu as toute ma reconnaissance.",
            "Finally, a tribute to our president, Yvan Laurin, who leaves us after this general "
            "meeting. Present since the Consortium was founded, and even before, he has been a "
            "beacon and a guide for me and for all of us, always ready with sound advice. His "
            "contribution is major: without him, the Consortium would not be what it is today. "
            "Thank you, Yvan, you have all my gratitude.",
        ),
    ),
}

MESSAGES = [PRESIDENT_MESSAGE, DIRECTOR_MESSAGE]

CFT_PROJECT = {
    "title": t(
        "Recensement des meilleures pratiques en CFT des regroupements coopératifs et "
        "entreprises d’économie sociale",
        "Inventory of best practices in work-family balance among co-operative groups and "
        "social-economy enterprises",
    ),
    "slug": t("meilleures-pratiques-cft", "work-family-balance-best-practices"),
    # The text names the funding programme (“Bailleur de fonds : Programme…”) but not the funder.
    "funder": "",
    "programme": t(
        "Programme de soutien financier en matière de conciliation famille-travail (CTF) "
        "destiné aux milieux de travail",
        "Financial support program for work-family balance in workplaces",
    ),
    "introduction": t(
        "Recenser et partager les meilleures pratiques de conciliation travail-vie "
        "personnelle, et les appliquer au Consortium, qui a obtenu le sceau Concilivi.",
        "Identifying and sharing best practices in work-life balance, and applying them at "
        "the Consortium, which earned the Concilivi seal.",
    ),
    "summary": rich_text(
        (
            "La conciliation ne concerne pas que les parents de jeunes enfants : études, rôle "
            "de grand-parent ou de proche aidant et autres engagements comptent aussi. On parle "
            "donc de plus en plus de conciliation travail-vie personnelle.",
            "Balance is not only a matter for parents of young children: studies, the role of "
            "grandparent or caregiver and other commitments count too. So we speak more and "
            "more of work-life balance.",
        ),
        (
            "Par un sondage, un webinaire et des échanges avec ses membres, aux profils très "
            "variés, le Consortium a recensé puis partagé les meilleures pratiques en la "
            "matière, un enjeu clé pour fidéliser le personnel.",
            "Through a survey, a webinar and discussions with its very diverse members, the "
            "Consortium identified and then shared the best practices in this area, a key "
            "issue in keeping employees.",
        ),
        (
            "Les retombées ci-dessous sont celles du volet interne CFT du projet 2302 – MFA.",
            "The outcomes below are those of the internal work-family balance component of "
            "project 2302 – MFA.",
        ),
    ),
    "activities": [
        t(
            "Élaboration des politiques et procédure en conciliation travail vie personnelle",
            "Drafting of the work-life balance policies and procedure",
        ),
        t("Obtention du sceau Concilivi", "Obtaining the Concilivi seal"),
        t(
            "Sondage auprès des membres du Consortium sur leurs pratiques en conciliation "
            "travail vie personnelle",
            "Survey of the Consortium’s members on their work-life balance practices",
        ),
        t(
            "Diffusion des résultats et mesure des retombées",
            "Sharing of the results and measurement of the outcomes",
        ),
    ],
    "teams": [
        {
            "name": t("Équipe des communications", "Communications team"),
            "contribution": t(
                "A fait connaître les activités du projet : le sceau Concilivi, la politique "
                "de CTF, le sondage et le webinaire de présentation des résultats.",
                "Made the project’s activities known: the Concilivi seal, the work-family "
                "balance policy, the survey and the webinar presenting its results.",
            ),
        },
        {
            "name": t(
                "Équipe des ressources humaines et transformation et gestion du changement",
                "Human resources, transformation and change management team",
            ),
            "contribution": t(
                "A élaboré les politiques et la procédure de CTF, et organisé et analysé les "
                "résultats du sondage des membres.",
                "Drew up the work-family balance policies and procedure, and organized and "
                "analyzed the results of the members’ survey.",
            ),
        },
        {
            "name": t(
                "Équipe de coordination et de gestion du projet",
                "Project coordination and management team",
            ),
            "contribution": t(
                "A suivi la portée, les coûts et les échéanciers du projet.",
                "Monitored the project’s scope, costs and schedules.",
            ),
        },
    ],
    "outcomes": [
        t(
            "Obtention du certificat CONCILIVI par le Consortium",
            "The Consortium obtained the CONCILIVI certificate",
        ),
        t(
            "Déclaration d’engagement du Consortium pour obtenir son engagement envers ses "
            "employés afin de les soutenir dans leurs obligations familiales",
            "A declaration of commitment by the Consortium to support its employees in their "
            "family obligations",
        ),
        t(
            "Alignement des mesures CFT selon le rapport du sondage fait par les employés du "
            "Consortium en 2021",
            "Work-family balance measures aligned with the report of the 2021 survey of the "
            "Consortium’s employees",
        ),
        t(
            "Amélioration au niveau de la flexibilité des horaires (horaire d’été à l’année)",
            "More flexible schedules (summer schedule all year round)",
        ),
        t(
            "Valorisation de l’utilisation de la banque d’heures",
            "Encouraging the use of the time bank",
        ),
        t(
            "Amélioration pour le choix des vacances estivales selon les opérations et les "
            "obligations familiales",
            "Better choice of summer vacation according to operations and family obligations",
        ),
        t(
            "Possibilité de prendre plus de 2 semaines de vacances consécutives",
            "Option of taking more than 2 consecutive weeks of vacation",
        ),
        t(
            "Mise en place du télétravail à 100% ou en formule hybride au choix de l’employé",
            "Full-time or hybrid remote work, as the employee chooses",
        ),
        t(
            "Réorganisation de l’horaire de l’employé selon les responsabilités familiales "
            "(réf : enfants malades)",
            "Employees’ schedules rearranged around family responsibilities (e.g. sick children)",
        ),
        t(
            "Positionnement officiel pour améliorer l’attraction des nouveaux candidats",
            "An official position to attract new candidates",
        ),
        t(
            "Plan de communication interne afin de mobiliser et fidéliser nos employés",
            "An internal communication plan to engage and retain our employees",
        ),
        t(
            "Bonification de notre processus d’accueil qui inclut la révision des grands "
            "principes de la conciliation CFT et de notre charte CFT",
            "An improved onboarding process that reviews the main principles of work-family "
            "balance and our work-family balance charter",
        ),
        t(
            "Révision de notre procédure de départ pour valider les aspects de la CFT",
            "A revised departure procedure that checks the work-family balance aspects",
        ),
        t(
            "Valorisation de notre nouveau programme de télémédecine",
            "Promotion of our new telemedicine program",
        ),
    ],
    # As published; the text does not say who said it.
    "quote": t(
        "Nous sommes fiers d’arborer le sceau Concilivi qui démontre une belle évolution dans "
        "le monde du travail.",
        "We are proud to display the Concilivi seal, which shows a welcome change in the world "
        "of work.",
    ),
    "quote_attribution": "",
}

DIGITAL_PROJECT = {
    "title": t(
        "Transformation numérique des entreprises collectives",
        "Digital transformation of collective enterprises",
    ),
    "slug": t("transformation-numerique", "digital-transformation"),
    "funder": "",
    "programme": t(
        "Programme pour la transformation numérique des entreprises collectives",
        "Program for the digital transformation of collective enterprises",
    ),
    "introduction": t(
        "Un programme lancé avec les grands réseaux de l’économie sociale pour accompagner le "
        "virage numérique des coopératives et des OBNL.",
        "A program launched with the main social-economy networks to support the digital "
        "shift of co-operatives and non-profits.",
    ),
    "summary": rich_text(
        (
            "Lancé en cours d’année par le Conseil québécois de la coopération et de la "
            "mutualité (CQCM) et ses partenaires, le programme soutient l’accompagnement des "
            "entreprises collectives dans leur transformation numérique.",
            "Launched during the year by the Conseil québécois de la coopération et de la "
            "mutualité (CQCM) and its partners, the program supports collective enterprises "
            "through their digital transformation.",
        ),
        ("h3", ("Partenaires", "Partners")),
        (
            "ul",
            [
                (
                    "Conseil québécois de la coopération et de la mutualité (CQCM)",
                    "Conseil québécois de la coopération et de la mutualité (CQCM)",
                ),
                (
                    "Chantier de l’économie sociale (le Chantier)",
                    "Chantier de l’économie sociale (the Chantier)",
                ),
                (
                    "Coopérative de développement régional du Québec (CDRQ)",
                    "Coopérative de développement régional du Québec (CDRQ)",
                ),
                ("Les pôles d’économie sociale", "The pôles d’économie sociale"),
                (
                    "Consortium de ressources et d’expertises coopératives",
                    "Consortium de ressources et d’expertises coopératives",
                ),
            ],
        ),
        (
            "Il sensibilise, forme et accompagne de nombreuses entreprises collectives pour "
            "accélérer le virage numérique des coopératives et des organismes à but non "
            "lucratif de l’économie sociale.",
            "It raises awareness among, trains and supports many collective enterprises, to "
            "speed up the digital shift of social-economy co-operatives and non-profit "
            "organizations.",
        ),
    ),
    # “Le service d’accompagnement est offert sous plusieurs volets”, as published.
    "activities": [
        t(
            "La formation et la vulgarisation sur les enjeux",
            "Training and plain-language explanation of the issues",
        ),
        t(
            "L’accompagnement à la planification stratégique en transformation numérique",
            "Support for strategic planning in digital transformation",
        ),
        t(
            "L’aide financière octroyée aux réseaux d’entreprises collectives pour des projets "
            "structurants",
            "Financial assistance granted to networks of collective enterprises for strategic "
            "projects",
        ),
    ],
    "teams": [],
    "outcomes": [],
    "quote": t(
        "La raison d’être du Consortium est d’accompagner et de soutenir les entreprises "
        "collectives dans leur épanouissement et de leur proposer les outils et les ressources "
        "nécessaires à leur réussite. Ce partenariat historique que je pourrais qualifier d’un "
        "regroupement de savoir collectif, avec le Chantier, le CQCM et la CDRQ permettra aux "
        "coopératives et aux OBNL de suivre le mouvement de la transformation numérique et "
        "nous sommes fiers de travailler avec eux afin de les accompagner dans la planification "
        "de cette évolution incontournable.",
        "The Consortium’s purpose is to support collective enterprises as they grow and to "
        "offer them the tools and resources they need to succeed. This historic partnership, "
        "which I would call a pooling of collective knowledge, with the Chantier, the CQCM and "
        "the CDRQ, will allow co-operatives and non-profits to follow the digital "
        "transformation movement, and we are proud to work with them to support them in "
        "planning this essential change.",
    ),
    "quote_attribution": t(
        "J. Benoit Caron, directeur général du Consortium de ressources et d’expertises "
        "coopératives",
        "J. Benoit Caron, Director General of the Consortium de ressources et d’expertises "
        "coopératives",
    ),
}

PROJECTS = [CFT_PROJECT, DIGITAL_PROJECT]

# ---------------------------------------------------------------------------------------------
# The report's body, section by section
# ---------------------------------------------------------------------------------------------

# {French anchor: heading}; each anchor, like each heading, has its English translation.
SECTIONS = {
    t("introduction", "introduction"): t("Introduction", "Introduction"),
    t("conseil-administration", "board-of-directors"): t(
        "Conseil d’administration", "Board of directors"
    ),
    t("membrariat", "membership"): t("Membrariat", "Membership"),
    t("services-aux-membres", "member-services"): t("Services aux membres", "Member services"),
    t("affaires-financieres", "financial-affairs"): t("Affaires financières", "Financial affairs"),
    t("capital-humain", "human-capital"): t("Capital humain", "Human capital"),
    t("developpement-des-affaires", "business-development"): t(
        "Développement des affaires", "Business development"
    ),
    t("communications", "communications"): t("Communications", "Communications"),
    t("nous-joindre", "contact-us"): t("Nous joindre", "Contact us"),
}

MISSION_AND_VISION = rich_text(
    ("h3", ("Mission", "Mission")),
    (
        "Permettre à toute entreprise collective d’obtenir des services spécialisés de qualité.",
        "To make high-quality specialized services available to every collective enterprise.",
    ),
    ("h3", ("Vision", "Vision")),
    (
        "Être le partenaire privilégié des organisations d’économie sociale dans leurs projets "
        "de changement d’échelle, grâce à des experts compétents, disponibles et de plusieurs "
        "disciplines et à des services accessibles, et contribuer ainsi à rebâtir le tissu "
        "socioéconomique de toutes les régions du Québec et du Canada.",
        "To be the preferred partner of social-economy organizations in their scaling-up "
        "projects, through skilled, available experts from many disciplines and accessible "
        "services, and so help rebuild the social and economic fabric of every region of "
        "Québec and Canada.",
    ),
)

# The seed prints a check mark (its “9”) before each objective, the mark it also uses as a
# bullet elsewhere: it states no status, so the demonstration gives none.
OBJECTIVES = {
    "heading": t("Les objectifs pour l’année 2021-2022", "Objectives for 2021-2022"),
    "objectives": [
        t("Diversification des utilisateurs de services", "More diverse service users"),
        t("Amélioration de la marge bénéficiaire", "Improvement of the profit margin"),
        t("Augmentation de la satisfaction des membres", "Higher member satisfaction"),
        t(
            "Croissance du taux d’engagement des experts",
            "Growth in the experts’ engagement rate",
        ),
    ],
}

MESSAGES_HEADING = t(
    "Les mots de la présidence et de la direction générale",
    "Messages from the president and the director general",
)
BOARD_HEADING = t("Composition du conseil d’administration", "Composition of the board")

# “Vie associative.”: a graphic whose labels the text keeps (in capitals, its typography), not
# the number of meetings held.
ASSOCIATIVE_LIFE = rich_text(
    ("h3", ("Vie associative", "Governance")),
    (
        "ul",
        [
            ("Assemblée générale annuelle", "Annual general meeting"),
            ("Rencontres du conseil d’administration", "Board meetings"),
            ("Rencontres du comité exécutif", "Executive committee meetings"),
        ],
    ),
)
NEW_MEMBERS_HEADING = t("Nouveaux membres", "New members")
NEW_MEMBERS_INTRODUCTION = t(
    "Les organisations devenues membres en 2021-2022, selon la rencontre du conseil "
    "d’administration qui les a admises.",
    "The organizations that became members in 2021-2022, by the board meeting that admitted them.",
)

SERVICE_FIGURES = [
    {
        "value": Decimal(68577),
        "unit": "hours",
        "qualifier": "",
        "label": t("Heures de services rendues", "Hours of service delivered"),
    },
    {
        "value": Decimal(300),
        "unit": "number",
        "qualifier": "more_than",
        "label": t(
            "Entreprises touchées par nos interventions, directement ou via leur regroupement "
            "sectoriel",
            "Enterprises reached by our work, directly or through their sector group",
        ),
    },
    {
        "value": Decimal(97),
        "unit": "percent",
        "qualifier": "",
        "label": t(
            "Répondants qui recommanderaient les services du Consortium",
            "Respondents who would recommend the Consortium’s services",
        ),
    },
]

# The statement as published (“DESCRIPTION / 2021-2022 RÉEL / 2021-2022 BUDGÉTÉ / 2020-2021 RÉEL
# / VAR / 2022-2023 BUDGÉTÉ”). The surplus (deficit) row and the variance are computed by the
# block; the printed ones are kept here to be checked.
FINANCIAL_CAPTION = t("Résultats de l’exercice", "Results for the year")
FINANCIAL_ROWS = [
    {
        "label": t("Produits", "Revenues"),
        "kind": "revenue",
        "actual": Decimal(4618760),
        "budget": Decimal(4598552),
        "previous_actual": Decimal(4571674),
        "next_budget": Decimal(5786386),
        "printed_variance": Decimal(1),
    },
    {
        "label": t("Frais d’exploitation", "Operating expenses"),
        "kind": "expense",
        "actual": Decimal(4648539),
        "budget": Decimal(4550351),
        "previous_actual": Decimal(4023699),
        "next_budget": Decimal(5728258),
        "printed_variance": Decimal(15),
    },
]
FINANCIAL_PRINTED_RESULT = {
    "actual": Decimal(-29779),
    "budget": Decimal(48201),
    "previous_actual": Decimal(548175),
    "next_budget": Decimal(58128),
}
FINANCIAL_COLUMNS = {
    "actual": "2021-2022 réel",
    "budget": "2021-2022 budgété",
    "previous_actual": "2020-2021 réel",
    "next_budget": "2022-2023 budgété",
}
# “Le Consortium a connu une croissance de 1 % de ses produits totaux”.
PRINTED_REVENUE_GROWTH = Decimal(1)

FINANCIAL_INTRODUCTION = rich_text(
    (
        "Les produits totaux ont progressé de 1 %, en comptant des aides gouvernementales liées "
        "à la situation exceptionnelle de la pandémie de COVID-19.",
        "Total revenues grew by 1%, including government assistance related to the exceptional "
        "situation of the COVID-19 pandemic.",
    ),
)
FINANCIAL_COMMENTARY = rich_text(
    (
        "Comme les années précédentes, les revenus augmentent surtout parce que le volume de "
        "services, c’est-à-dire d’heures travaillées, augmente, plutôt que les tarifs.",
        "As in previous years, revenues rise mainly because the volume of services, that is of "
        "hours worked, rises, rather than the rates.",
    ),
    (
        "Le Consortium élargit ainsi sa base d’utilisateurs pour garder ses services "
        "accessibles, comme le veut sa mission, grâce à une gestion rigoureuse et à un "
        "développement des affaires soutenu.",
        "The Consortium thus widens its base of users to keep its services accessible, as its "
        "mission requires, through rigorous management and sustained business development.",
    ),
    (
        "La part des services utilisés par les membres sous entière gestion diminue au profit "
        "des autres membres et des membres auxiliaires : les revenus se diversifient.",
        "The share of services used by fully managed members is falling in favour of other "
        "members and auxiliary members: revenues are becoming more diverse.",
    ),
)

HUMAN_CAPITAL_FIGURES = [
    {
        # From the director general's message: “atteindre 8.2/10”.
        "value": Decimal("8.2"),
        "unit": "score10",
        "qualifier": "",
        "label": t("Taux d’engagement des experts", "Experts’ engagement rate"),
    },
    {
        "value": Decimal(25),
        "unit": "number",
        "qualifier": "",
        "label": t(
            "Municipalités où nos experts sont répartis, des Îles-de-la-Madeleine à l’ouest du "
            "Grand Montréal",
            "Municipalities where our experts live, from the Magdalen Islands to the west of "
            "Greater Montréal",
        ),
    },
]
HUMAN_CAPITAL_TEXT = rich_text(
    (
        "Nos experts sont au cœur de la réussite du Consortium et de ses membres. Grâce "
        "notamment au télétravail, nous recrutons désormais partout au Québec.",
        "Our experts are at the heart of the success of the Consortium and its members. Thanks "
        "in particular to remote work, we now recruit all over Québec.",
    ),
    (
        "Au cours de l’exercice, nous avons élargi l’offre de formation en transition "
        "numérique et investi dans la santé et le bien-être de l’équipe. Notre taux "
        "d’engagement se compare avantageusement à celui d’entreprises semblables.",
        "During the year, we offered more training in the digital transition and invested in "
        "the team’s health and well-being. Our engagement rate compares favourably with that "
        "of similar enterprises.",
    ),
)
# “Une équipe paritaire et expérimentée.”: the graphic's labels as the text keeps them; its head
# counts and the average age (“ANS”) were in the picture.
TEAM_PROFILE = rich_text(
    (
        "h3",
        ("Une équipe paritaire et expérimentée", "A gender-balanced, experienced team"),
    ),
    (
        "ul",
        [
            ("Ressources professionnelles", "Professional staff"),
            ("Formateurs (FAPAQE)", "Trainers (FAPAQE)"),
            ("Directions", "Managers"),
        ],
    ),
)

# “7 grandes orientations, issues du Plan stratégique de développement des affaires”.
ORIENTATIONS_PRINTED_COUNT = 7
ORIENTATIONS = {
    "heading": t(
        "Les grandes orientations du développement des affaires",
        "The main business development orientations",
    ),
    "introduction": t(
        "Le développement des affaires diversifie les revenus du Consortium et consolide une "
        "masse critique d’utilisateurs. Les orientations issues du Plan stratégique de "
        "développement des affaires guident ces efforts.",
        "Business development diversifies the Consortium’s revenues and builds a critical mass "
        "of users. The orientations of the Strategic business development plan guide this "
        "work.",
    ),
    "items": [
        t(
            "Développer une stratégie de développement et d’ancrage territorial",
            "Develop a strategy for regional development and roots",
        ),
        t(
            "Promouvoir les services du Consortium auprès des entreprises d’économie sociale de "
            "la ville de Montréal",
            "Promote the Consortium’s services to the social-economy enterprises of the city of "
            "Montréal",
        ),
        t(
            "Faire en sorte que le Consortium soit LA référence incontournable pour les services "
            "d’accompagnement auprès des regroupements d’OBNL (Chantier, CDEC, Pôle, Caisse "
            "économie solidaire, autres)",
            "Make the Consortium THE essential reference for support services to groups of "
            "non-profits (Chantier, CDEC, Pôle, Caisse économie solidaire, others)",
        ),
        t(
            "Redynamiser les relations avec les réseaux coopératifs et mutualistes",
            "Revitalize relations with the co-operative and mutual networks",
        ),
        t(
            "Accompagner les fédérations sous entière gestion dans la reprise des activités et "
            "dans les changements organisationnels",
            "Support the fully managed federations as they resume activities and go through "
            "organizational change",
        ),
        t(
            "Développer les services du Consortium dans les autres provinces du Canada",
            "Develop the Consortium’s services in the other provinces of Canada",
        ),
        t(
            "Positionner le Consortium auprès des instances gouvernementales à titre "
            "d’organisation au service et appartenant aux entreprises collectives",
            "Position the Consortium with government bodies as an organization that serves, "
            "and belongs to, collective enterprises",
        ),
    ],
}

TIMELINE_HEADING = t("Les démarches de l’année", "The year’s initiatives")
TIMELINE_INTRODUCTION = t(
    "Quelques-unes des nombreuses démarches entreprises au cours de l’exercice.",
    "Some of the many initiatives taken during the year.",
)

# Each category as published: its name, the count printed after it, and its events as printed
# (“title date”, sometimes “title – date”). The loader reads the dates; a line whose day does
# not exist (“37 octobre 2021”) is kept with its month only, and reported.
TIMELINE = [
    {
        "name": t(
            "Participation à des événements – AGA et autres",
            "Participation in events – AGMs and others",
        ),
        "printed_count": 9,
        "events": [
            "AGA CDRQ 3 juin 2021",
            "AGA Pôle d’économie sociale de la Capitale-Nationale 14 juin 2021",
            "AGA CSMO-ESAC – 20 octobre 2021",
            "AGA Chantier de l’économie sociale – 28 octobre 2021",
            "AGA TIESSS – 25 novembre 2021",
            "AGA Co-opérators – 30 mars 2022",
            "Congres CMC 11 juin 2021",
            "5 à 7 de Co-operators 17 juin 2021",
            "Déjeuner du Pôle d’économie sociale de la Capitale-Nationale 4 novembre 2021",
        ],
    },
    {
        "name": t("Rencontres de développement", "Development meetings"),
        "printed_count": 37,
        "events": [
            "ACCA 4 mai 2021",
            "Pole Capitale-Nationale 18 mai 2021",
            "Filaction – Innogec Relance 25 mai 2021",
            "Rencontre d'information - Programme de formation des dirigeants 3 juin 2021",
            "TRESCA 4 juin 2021",
            "CSMO-ESAC 8 juin 2021",
            "Ville de Laval 11 juin 2021",
            "Ville de Montréal 11 juin 2021",
            "Luc Samama consultant 23 juin 2021",
            "ARBJ – 14 juillet 2021",
            "Recyclage Vanier – 17 septembre 2021",
            "CSMO-ESAC – 23 septembre 2021",
            "Charles Demers consultant – 1er octobre 2021",
            "Fonds écoleader – 7 octobre 2021",
            "CDR-Acadie – 13 octobre 2021",
            "CÉSIM – 14 octobre 2021",
            "P4E 14 octobre 2021",
            "ACCA – 26 octobre 2021",
            "Réseau des SACD – 27 octobre 2021",
            "CÉSIM – 27 octobre 2021",
            "CDR-Acadie – 27 octobre 2021",
            "CIBIM – 3 novembre 2021",
            "FCAQ – 3 novembre 2021",
            "TRESCA – 4 novembre 2021",
            "CDRQ – 5 novembre 2021",
            "Université de Sherbrooke – 10 novembre 2021",
            "CÉSIM – 18 novembre 2021",
            "P4E – 19 novembre 2021",
            "Coopérative du Petit-Champlain – 22 novembre 2021",
            "ARBJ – 10 décembre 2021",
            "CQCM-PAGES – 14 décembre 2021",
            "Filaction – 13 janvier 2022",
            "P4E – 24 janvier 2022",
            "CDR-Acadie – 26 janvier 2022",
            "CQCM-Coop employeur – 26 janvier 2022",
            "CÉSIM – 17 février 2022",
            "CQCM-Repreneuriat collectif – 11 mars 2022",
        ],
    },
    {
        "name": t(
            "Présentation des services du Consortium", "Presentations of the Consortium’s services"
        ),
        "printed_count": 19,
        "events": [
            "Échange entre les experts de la CDR Acadie et le Consortium 5 mai 2021",
            "Commerce solidaire 12 mai 2021",
            "CIBIM 12 mai 2021",
            "Métiers d'art Bas-Saint-Laurent 17 mai 2021",
            "ARBJ-Pole Jamésien en économie sociale 27 mai 2021",
            "Présentation du Consortium COREM 23 juin 2021",
            "Les amants de la scène 23 juin 2021",
            "La Mine d’Or – 6 juillet 2021",
            "Collège FDL – 14 juillet 2021",
            "Code F – 15 juillet 2021",
            "Domaine du Parc Savard – 13 septembre 2021",
            "Le Beam – 37 octobre 2021",
            "Retournzy – 9 novembre 2021",
            "Table danse du Conseil de la culture Chaudière-Appalaches – 16 novembre 2021",
            "RISQ et Fiducie du Chantier d’économie sociale – 11 février 2022",
            "Les Éleveurs d’ovins du Québec (LEOQ) 25 février 2022",
            "Laboratoire sur l'agriculture urbaine – 28 février 2022",
            "COREM – 8 mars 2022",
            "RSSMO – 17 mars 2022",
        ],
    },
]

# The English of each event title, as the loader reads it (the line without its date). Names of
# organisations and networks stay as they are.
EVENT_TITLES_ENGLISH = {
    "AGA CDRQ": "CDRQ AGM",
    "AGA Pôle d’économie sociale de la Capitale-Nationale": (
        "Pôle d’économie sociale de la Capitale-Nationale AGM"
    ),
    "AGA CSMO-ESAC": "CSMO-ESAC AGM",
    "AGA Chantier de l’économie sociale": "Chantier de l’économie sociale AGM",
    "AGA TIESSS": "TIESSS AGM",
    "AGA Co-opérators": "Co-opérators AGM",
    "Congres CMC": "CMC congress",
    "5 à 7 de Co-operators": "Co-operators cocktail hour",
    "Déjeuner du Pôle d’économie sociale de la Capitale-Nationale": (
        "Pôle d’économie sociale de la Capitale-Nationale breakfast"
    ),
    "Rencontre d'information - Programme de formation des dirigeants": (
        "Information meeting - leadership training program"
    ),
    "Ville de Laval": "City of Laval",
    "Ville de Montréal": "City of Montréal",
    "Luc Samama consultant": "Luc Samama, consultant",
    "Charles Demers consultant": "Charles Demers, consultant",
    "Université de Sherbrooke": "Université de Sherbrooke",
    "Échange entre les experts de la CDR Acadie et le Consortium": (
        "Exchange between the experts of CDR Acadie and the Consortium"
    ),
    "Présentation du Consortium COREM": "Presentation of the Consortium to COREM",
    "Table danse du Conseil de la culture Chaudière-Appalaches": (
        "Dance committee of the Conseil de la culture Chaudière-Appalaches"
    ),
    "RISQ et Fiducie du Chantier d’économie sociale": (
        "RISQ and Fiducie du Chantier d’économie sociale"
    ),
}
for _french, _english in EVENT_TITLES_ENGLISH.items():
    t(_french, _english)
for _name in [
    "ACCA",
    "Pole Capitale-Nationale",
    "Filaction – Innogec Relance",
    "TRESCA",
    "CSMO-ESAC",
    "ARBJ",
    "Recyclage Vanier",
    "Fonds écoleader",
    "CDR-Acadie",
    "CÉSIM",
    "P4E",
    "Réseau des SACD",
    "CIBIM",
    "FCAQ",
    "CDRQ",
    "Coopérative du Petit-Champlain",
    "CQCM-PAGES",
    "Filaction",
    "CQCM-Coop employeur",
    "CQCM-Repreneuriat collectif",
    "Commerce solidaire",
    "Métiers d'art Bas-Saint-Laurent",
    "ARBJ-Pole Jamésien en économie sociale",
    "Les amants de la scène",
    "La Mine d’Or",
    "Collège FDL",
    "Code F",
    "Domaine du Parc Savard",
    "Le Beam",
    "Retournzy",
    "Les Éleveurs d’ovins du Québec (LEOQ)",
    "Laboratoire sur l'agriculture urbaine",
    "COREM",
    "RSSMO",
]:
    same(_name)

PROJECTS_HEADING = t("Projets structurants 2021-2022", "Strategic projects 2021-2022")

# “Les communications.”: the figures given as text. The figures of the other activities were
# pictures: their labels are in COMMUNICATIONS_ACTIVITIES, their figures are not.
SOCIAL_NETWORKS = [
    {
        "network": same("LinkedIn"),
        "followers": 1230,
        "followers_gained": 450,
        "posts": 54,
        "unique_visitors": 1249,
        "ad_campaigns": None,
        "impressions": None,
        "printed_growth": Decimal(58),
    },
    {
        "network": same("Facebook"),
        "followers": 582,
        "followers_gained": 135,
        "posts": 150,
        "unique_visitors": None,
        "ad_campaigns": 2,
        "impressions": 5554,
        "printed_growth": Decimal(30),
    },
]
# The other activities of “Les communications.”, as the text lists them (the first three under
# no heading of their own).
COMMUNICATIONS_ACTIVITIES = rich_text(
    (
        "ul",
        [
            ("Infolettres", "Newsletters"),
            ("Communiqués", "Press releases"),
            ("Chroniques d’experts partagées", "Shared expert columns"),
        ],
    ),
    ("h3", ("Mois de l’économie sociale", "Social Economy Month")),
    (
        "ul",
        [
            ("Publications", "Publications"),
            ("Événement virtuel", "Virtual event"),
            ("Infolettre", "Newsletter"),
        ],
    ),
    ("h3", ("Relations médias", "Media relations")),
    ("ul", [("Revue de presse", "Media coverage")]),
)

# Graphics of which the text keeps only the title (their departments, hours and agreements were
# pictures): a heading with nothing under it states nothing, so the report leaves them out.
TITLES_WITHOUT_CONTENT = [
    "Proportions d’heures de services par département",
    "Liste des ententes de coopération",
]

# Names kept as published although they look like typing slips: the site does not correct
# them silently; the loader lists them for the editors.
KEPT_AS_PUBLISHED = [
    "“Congres CMC” (without the accent of “Congrès”)",
    "“AGA Co-opérators” beside “5 à 7 de Co-operators” (two spellings of one name)",
    "“Pole Capitale-Nationale” and “ARBJ-Pole Jamésien” (without the accent of “Pôle”)",
    "“CTF” beside “CFT” for conciliation famille-travail (the programme's name, some team tasks)",
]
