"""The demonstration report states every fact of the seed (the 2021-2022 report as first
published, /work/shared/seed), graphics included, in French and in English, and nothing the seed
does not state (issue 16).

The facts are kept here, typed from the seed as the pages show them in each language (figures
and dates formatted for the language, names as published): a change to the demonstration content
that loses one fails here, whatever the content module says.

URLs read, in French and in English (the demonstration loaded once for the module):
- the report: /fr/rapports-annuels/2021-2022/, /en/annual-reports/2021-2022/
- its messages: …/mot-de-la-presidence/ (…/presidents-message/),
  …/mot-de-la-direction-generale/ (…/director-generals-message/)
- its projects: …/meilleures-pratiques-cft/ (…/work-family-balance-best-practices/),
  …/transformation-numerique/ (…/digital-transformation/)
- the contact page: /fr/nous-joindre/, /en/contact-us/

A fact is looked for in the visible text of the page's <body> (text only: no attribute, script or
style), as a whole (not inside a longer word or number), after folding every Unicode space (the
no-break spaces U+00A0 and U+202F of the typography) to " ", ’ to ', and dropping the space
before : ; ! ? % » and after «: the French typography puts one there, the facts need not.
"""

import re
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from django.http import HttpResponse

pytestmark = pytest.mark.django_db


class Fact(NamedTuple):
    """A fact as the French page shows it, and the English page; English None: the same words
    (a name, a number that reads the same)."""

    french: str
    english: str | None = None

    def in_language(self, language_code):
        if language_code == "en" and self.english is not None:
            return self.english
        return self.french


# The projects' titles: on the report page and on their own pages.
CFT_PROJECT_TITLE = Fact(
    "Recensement des meilleures pratiques en CFT des regroupements coopératifs et "
    "entreprises d’économie sociale",
    "Inventory of best practices in work-family balance among co-operative groups and "
    "social-economy enterprises",
)
DIGITAL_PROJECT_TITLE = Fact(
    "Transformation numérique des entreprises collectives",
    "Digital transformation of collective enterprises",
)

REPORT = [
    # The cover.
    Fact("Rapport annuel 2021-2022", "Annual report 2021-2022"),
    Fact("L’audace de s’adapter", "Daring to adapt"),
    Fact("14 octobre 2022", "October 14, 2022"),
    # The menu: the sections.
    Fact("Introduction"),
    Fact("Conseil d’administration", "Board of directors"),
    Fact("Membrariat", "Membership"),
    Fact("Services aux membres", "Member services"),
    Fact("Affaires financières", "Financial affairs"),
    Fact("Capital humain", "Human capital"),
    Fact("Développement des affaires", "Business development"),
    Fact("Communications"),
    # The messages.
    Fact("Le mot de la présidence", "The president’s message"),
    Fact("Préparons aujourd’hui le monde de demain", "Preparing today for tomorrow’s world"),
    Fact("M. Yvan Laurin", "Mr. Yvan Laurin"),
    Fact("Le mot de la direction générale", "The director general’s message"),
    Fact("2021-2022 : Les fruits de nos efforts", "2021-2022: The fruits of our efforts"),
    Fact("M. J. Benoit Caron", "Mr. J. Benoit Caron"),
    Fact("Directeur général", "Director General"),
    # Mission and vision.
    Fact("Mission"),
    Fact("Vision"),
    Fact("services spécialisés de qualité", "high-quality specialized services"),
    Fact("changement d’échelle", "scaling-up"),
    Fact("toutes les régions du Québec et du Canada", "every region of Québec and Canada"),
    # The objectives.
    Fact("Les objectifs pour l’année 2021-2022", "Objectives for 2021-2022"),
    Fact("Diversification des utilisateurs de services", "More diverse service users"),
    Fact("Amélioration de la marge bénéficiaire", "Improvement of the profit margin"),
    Fact("Augmentation de la satisfaction des membres", "Higher member satisfaction"),
    Fact("Croissance du taux d’engagement des experts", "Growth in the experts’ engagement rate"),
    # “Vie associative.”: labels of a graphic (its figures were a picture).
    Fact("Vie associative", "Governance"),
    Fact("Assemblée générale annuelle", "Annual general meeting"),
    Fact("Rencontres du conseil d’administration", "Board meetings"),
    Fact("Rencontres du comité exécutif", "Executive committee meetings"),
    # The board.
    Fact("Composition du conseil d’administration", "Composition of the board"),
    Fact("Président", "President"),
    Fact("Membre de soutien", "Support member"),
    Fact("Comité exécutif", "Executive committee"),
    Fact("Martin-Charles St-Pierre"),
    Fact("Vice-président", "Vice-President"),
    Fact("Lynda Bélanger"),
    Fact("Secrétaire-trésorière", "Secretary-Treasurer"),
    Fact("Marie-Josée Paquette"),
    Fact("Administratrice", "Director"),
    Fact("Jean R. Soublière"),
    Fact("Administrateur", "Director"),
    # New members, by the board meeting that admitted them.
    Fact("Nouveaux membres", "New members"),
    Fact("7 décembre 2021", "December 7, 2021"),
    Fact("Société Alzheimer Outaouais"),
    Fact("Société Alzheimer de l’Estrie"),
    Fact("Immeuble Populaire de Québec (IPQ) Inc."),
    Fact("19 août 2021", "August 19, 2021"),
    Fact("Carpe Diem – Centre d’apprentissage libre"),
    Fact("Centre résidentiel et communautaire Jacques-Cartier"),
    Fact("Code F. Santé financière pour tous!"),
    Fact("Commerce solidaire Québec"),
    Fact("Corporation Pax-Habitat"),
    Fact("Daniel Léveillée Danse"),
    Fact("La Cantine pour tous"),
    Fact("Métiers d’art Bas-St-Laurent"),
    Fact("Mobility Data"),
    Fact("Régénération Canada"),
    Fact("Rendez-vous culturels de Saint-Casimir"),
    Fact("Société d’habitation Cardinal Vachon"),
    Fact("27 octobre 2021", "October 27, 2021"),
    Fact("Résidence de la Rive Nord Inc"),
    Fact("Réseau d'agriculture urbaine de Québec (RAUQ)"),
    Fact("Centrale Alternative"),
    Fact("Association sur l'accès et la protection de l'information (AAPI)"),
    Fact("La Mine d'Or, entreprise d'insertion sociale"),
    Fact("Domaine du Parc Savard"),
    Fact("Service budgétaire et communautaire de Chicoutimi"),
    Fact("Connec-T, services d'audiodescription"),
    Fact("29 mars 2022", "March 29, 2022"),
    Fact("Centre de transfert pour la réussite éducative du Québec (CTREQ)"),
    Fact("Centre d’accès et d’accompagnement au logement subventionné Clés en main"),
    Fact("Les Projets VRIX"),
    Fact("Société de gestion de la faune de Kamouraska inc. (Zec Chapais)"),
    Fact("SDC St-Roch (Société de développement commercial centre-ville de Québec)"),
    Fact("Société Alzheimer de la Côte-Nord"),
    Fact("Les Éleveurs d’ovins du Québec (LEOQ)"),
    Fact("Groupe de ressources techniques Nouvel Habitat (GRT Nouvel Habitat)"),
    Fact("Explos-Nature"),
    Fact("6 janvier 2022", "January 6, 2022"),
    Fact("L’Éveil Charlevoisien"),
    # Member services.
    Fact("Heures de services rendues", "Hours of service delivered"),
    Fact("68 577 h", "68,577 h"),
    Fact("plus de 300", "more than 300"),
    Fact("regroupement sectoriel", "sector group"),
    Fact("97 %", "97%"),
    Fact(
        "recommanderaient les services du Consortium", "would recommend the Consortium’s services"
    ),
    # Financial affairs: the statement as published (the results that add up; see below).
    Fact("1 %", "1%"),
    Fact("COVID-19"),
    Fact("2021-2022 réel", "2021-2022 actual"),
    Fact("2021-2022 budgété", "2021-2022 budget"),
    Fact("2020-2021 réel", "2020-2021 actual"),
    Fact("2022-2023 budgété", "2022-2023 budget"),
    Fact("Produits", "Revenues"),
    Fact("4 618 760 $", "$4,618,760"),
    Fact("4 598 552 $", "$4,598,552"),
    Fact("4 571 674 $", "$4,571,674"),
    Fact("5 786 386 $", "$5,786,386"),
    Fact("Frais d’exploitation", "Operating expenses"),
    Fact("4 648 539 $", "$4,648,539"),
    Fact("4 550 351 $", "$4,550,351"),
    Fact("4 023 699 $", "$4,023,699"),
    Fact("5 728 258 $", "$5,728,258"),
    Fact("Excédent (déficit) de l’exercice", "Surplus (deficit) for the year"),
    Fact("(29 779) $", "($29,779)"),
    Fact("48 201 $", "$48,201"),
    Fact("58 128 $", "$58,128"),
    Fact("volume de services", "volume of services"),
    Fact("membres sous entière gestion", "fully managed members"),
    Fact("membres auxiliaires", "auxiliary members"),
    # Human capital.
    Fact("8,2/10", "8.2/10"),
    Fact("Taux d’engagement", "engagement rate"),
    Fact(
        "se compare avantageusement à celui d’entreprises semblables",
        "compares favourably with that of similar enterprises",
    ),
    Fact("25 Municipalités", "25 Municipalities"),
    Fact("Îles-de-la-Madeleine", "Magdalen Islands"),
    Fact("Grand Montréal", "Greater Montréal"),
    Fact("télétravail", "remote work"),
    Fact("transition numérique", "digital transition"),
    Fact("santé et le bien-être", "health and well-being"),
    # “Une équipe paritaire et expérimentée.”: labels of a graphic (its figures were a picture).
    Fact("Une équipe paritaire et expérimentée", "A gender-balanced, experienced team"),
    Fact("Ressources professionnelles", "Professional staff"),
    Fact("Formateurs (FAPAQE)", "Trainers (FAPAQE)"),
    Fact("Directions", "Managers"),
    # Business development: the orientations.
    Fact("Plan stratégique de développement des affaires", "Strategic business development plan"),
    Fact(
        "Développer une stratégie de développement et d’ancrage territorial",
        "Develop a strategy for regional development and roots",
    ),
    Fact(
        "Promouvoir les services du Consortium auprès des entreprises d’économie sociale de la "
        "ville de Montréal",
        "Promote the Consortium’s services to the social-economy enterprises of the city of "
        "Montréal",
    ),
    Fact(
        "Faire en sorte que le Consortium soit LA référence incontournable pour les services "
        "d’accompagnement auprès des regroupements d’OBNL (Chantier, CDEC, Pôle, Caisse économie "
        "solidaire, autres)",
        "Make the Consortium THE essential reference for support services to groups of "
        "non-profits (Chantier, CDEC, Pôle, Caisse économie solidaire, others)",
    ),
    Fact(
        "Redynamiser les relations avec les réseaux coopératifs et mutualistes",
        "Revitalize relations with the co-operative and mutual networks",
    ),
    Fact(
        "Accompagner les fédérations sous entière gestion dans la reprise des activités et dans "
        "les changements organisationnels",
        "Support the fully managed federations as they resume activities and go through "
        "organizational change",
    ),
    Fact(
        "Développer les services du Consortium dans les autres provinces du Canada",
        "Develop the Consortium’s services in the other provinces of Canada",
    ),
    Fact(
        "Positionner le Consortium auprès des instances gouvernementales à titre d’organisation "
        "au service et appartenant aux entreprises collectives",
        "Position the Consortium with government bodies as an organization that serves, and "
        "belongs to, collective enterprises",
    ),
    # The year's initiatives: each category with its count, each event with its date.
    Fact(
        "Participation à des événements – AGA et autres",
        "Participation in events – AGMs and others",
    ),
    Fact("9 événements", "9 events"),
    Fact("3 juin 2021 AGA CDRQ", "June 3, 2021 CDRQ AGM"),
    Fact(
        "14 juin 2021 AGA Pôle d’économie sociale de la Capitale-Nationale",
        "June 14, 2021 Pôle d’économie sociale de la Capitale-Nationale AGM",
    ),
    Fact("20 octobre 2021 AGA CSMO-ESAC", "October 20, 2021 CSMO-ESAC AGM"),
    Fact(
        "28 octobre 2021 AGA Chantier de l’économie sociale",
        "October 28, 2021 Chantier de l’économie sociale AGM",
    ),
    Fact("25 novembre 2021 AGA TIESSS", "November 25, 2021 TIESSS AGM"),
    Fact("30 mars 2022 AGA Co-opérators", "March 30, 2022 Co-opérators AGM"),
    Fact("11 juin 2021 Congres CMC", "June 11, 2021 CMC congress"),
    Fact("17 juin 2021 5 à 7 de Co-operators", "June 17, 2021 Co-operators cocktail hour"),
    Fact(
        "4 novembre 2021 Déjeuner du Pôle d’économie sociale de la Capitale-Nationale",
        "November 4, 2021 Pôle d’économie sociale de la Capitale-Nationale breakfast",
    ),
    Fact("Rencontres de développement", "Development meetings"),
    Fact("37 événements", "37 events"),
    Fact("4 mai 2021 ACCA", "May 4, 2021 ACCA"),
    Fact("18 mai 2021 Pole Capitale-Nationale", "May 18, 2021 Pole Capitale-Nationale"),
    Fact("25 mai 2021 Filaction – Innogec Relance", "May 25, 2021 Filaction – Innogec Relance"),
    Fact(
        "3 juin 2021 Rencontre d'information - Programme de formation des dirigeants",
        "June 3, 2021 Information meeting - leadership training program",
    ),
    Fact("4 juin 2021 TRESCA", "June 4, 2021 TRESCA"),
    Fact("8 juin 2021 CSMO-ESAC", "June 8, 2021 CSMO-ESAC"),
    Fact("11 juin 2021 Ville de Laval", "June 11, 2021 City of Laval"),
    Fact("11 juin 2021 Ville de Montréal", "June 11, 2021 City of Montréal"),
    Fact("23 juin 2021 Luc Samama consultant", "June 23, 2021 Luc Samama, consultant"),
    Fact("14 juillet 2021 ARBJ", "July 14, 2021 ARBJ"),
    Fact("17 septembre 2021 Recyclage Vanier", "September 17, 2021 Recyclage Vanier"),
    Fact("23 septembre 2021 CSMO-ESAC", "September 23, 2021 CSMO-ESAC"),
    Fact(
        "1er octobre 2021 Charles Demers consultant", "October 1, 2021 Charles Demers, consultant"
    ),
    Fact("7 octobre 2021 Fonds écoleader", "October 7, 2021 Fonds écoleader"),
    Fact("13 octobre 2021 CDR-Acadie", "October 13, 2021 CDR-Acadie"),
    Fact("14 octobre 2021 CÉSIM", "October 14, 2021 CÉSIM"),
    Fact("14 octobre 2021 P4E", "October 14, 2021 P4E"),
    Fact("26 octobre 2021 ACCA", "October 26, 2021 ACCA"),
    Fact("27 octobre 2021 Réseau des SACD", "October 27, 2021 Réseau des SACD"),
    Fact("27 octobre 2021 CÉSIM", "October 27, 2021 CÉSIM"),
    Fact("27 octobre 2021 CDR-Acadie", "October 27, 2021 CDR-Acadie"),
    Fact("3 novembre 2021 CIBIM", "November 3, 2021 CIBIM"),
    Fact("3 novembre 2021 FCAQ", "November 3, 2021 FCAQ"),
    Fact("4 novembre 2021 TRESCA", "November 4, 2021 TRESCA"),
    Fact("5 novembre 2021 CDRQ", "November 5, 2021 CDRQ"),
    Fact("10 novembre 2021 Université de Sherbrooke", "November 10, 2021 Université de Sherbrooke"),
    Fact("18 novembre 2021 CÉSIM", "November 18, 2021 CÉSIM"),
    Fact("19 novembre 2021 P4E", "November 19, 2021 P4E"),
    Fact(
        "22 novembre 2021 Coopérative du Petit-Champlain",
        "November 22, 2021 Coopérative du Petit-Champlain",
    ),
    Fact("10 décembre 2021 ARBJ", "December 10, 2021 ARBJ"),
    Fact("14 décembre 2021 CQCM-PAGES", "December 14, 2021 CQCM-PAGES"),
    Fact("13 janvier 2022 Filaction", "January 13, 2022 Filaction"),
    Fact("24 janvier 2022 P4E", "January 24, 2022 P4E"),
    Fact("26 janvier 2022 CDR-Acadie", "January 26, 2022 CDR-Acadie"),
    Fact("26 janvier 2022 CQCM-Coop employeur", "January 26, 2022 CQCM-Coop employeur"),
    Fact("17 février 2022 CÉSIM", "February 17, 2022 CÉSIM"),
    Fact("11 mars 2022 CQCM-Repreneuriat collectif", "March 11, 2022 CQCM-Repreneuriat collectif"),
    Fact("Présentation des services du Consortium", "Presentations of the Consortium’s services"),
    Fact("19 événements", "19 events"),
    Fact(
        "5 mai 2021 Échange entre les experts de la CDR Acadie et le Consortium",
        "May 5, 2021 Exchange between the experts of CDR Acadie and the Consortium",
    ),
    Fact("12 mai 2021 Commerce solidaire", "May 12, 2021 Commerce solidaire"),
    Fact("12 mai 2021 CIBIM", "May 12, 2021 CIBIM"),
    Fact(
        "17 mai 2021 Métiers d'art Bas-Saint-Laurent",
        "May 17, 2021 Métiers d'art Bas-Saint-Laurent",
    ),
    Fact(
        "27 mai 2021 ARBJ-Pole Jamésien en économie sociale",
        "May 27, 2021 ARBJ-Pole Jamésien en économie sociale",
    ),
    Fact(
        "23 juin 2021 Présentation du Consortium COREM",
        "June 23, 2021 Presentation of the Consortium to COREM",
    ),
    Fact("23 juin 2021 Les amants de la scène", "June 23, 2021 Les amants de la scène"),
    Fact("6 juillet 2021 La Mine d’Or", "July 6, 2021 La Mine d’Or"),
    Fact("14 juillet 2021 Collège FDL", "July 14, 2021 Collège FDL"),
    Fact("15 juillet 2021 Code F", "July 15, 2021 Code F"),
    Fact("13 septembre 2021 Domaine du Parc Savard", "September 13, 2021 Domaine du Parc Savard"),
    # Printed “Le Beam – 37 octobre 2021”: October has no 37th day; what is known is its month.
    Fact("octobre 2021 Le Beam", "October 2021 Le Beam"),
    Fact("9 novembre 2021 Retournzy", "November 9, 2021 Retournzy"),
    Fact(
        "16 novembre 2021 Table danse du Conseil de la culture Chaudière-Appalaches",
        "November 16, 2021 Dance committee of the Conseil de la culture Chaudière-Appalaches",
    ),
    Fact(
        "11 février 2022 RISQ et Fiducie du Chantier d’économie sociale",
        "February 11, 2022 RISQ and Fiducie du Chantier d’économie sociale",
    ),
    Fact(
        "25 février 2022 Les Éleveurs d’ovins du Québec (LEOQ)",
        "February 25, 2022 Les Éleveurs d’ovins du Québec (LEOQ)",
    ),
    Fact(
        "28 février 2022 Laboratoire sur l'agriculture urbaine",
        "February 28, 2022 Laboratoire sur l'agriculture urbaine",
    ),
    Fact("8 mars 2022 COREM", "March 8, 2022 COREM"),
    Fact("17 mars 2022 RSSMO", "March 17, 2022 RSSMO"),
    # The strategic projects.
    Fact("Projets structurants 2021-2022", "Strategic projects 2021-2022"),
    CFT_PROJECT_TITLE,
    DIGITAL_PROJECT_TITLE,
    # Communications: the social networks (figures given as text).
    Fact("LinkedIn"),
    Fact("Abonnés 1 230", "Followers 1,230"),
    Fact("+450"),
    Fact("Publications 54", "Posts 54"),
    Fact("Visiteurs uniques 1 249", "Unique visitors 1,249"),
    Fact("Facebook"),
    Fact("Abonnés 582", "Followers 582"),
    Fact("+135"),
    Fact("Campagnes publicitaires 2", "Ad campaigns 2"),
    Fact("Impressions 5 554", "Impressions 5,554"),
    Fact("Publications 150", "Posts 150"),
    # Communications: the other activities, labels of graphics (their figures were pictures).
    Fact("Infolettres", "Newsletters"),
    Fact("Communiqués", "Press releases"),
    Fact("Chroniques d’experts partagées", "Shared expert columns"),
    Fact("Mois de l’économie sociale", "Social Economy Month"),
    Fact("Publications"),
    Fact("Événement virtuel", "Virtual event"),
    Fact("Infolettre", "Newsletter"),
    Fact("Relations médias", "Media relations"),
    Fact("Revue de presse", "Media coverage"),
    # Contact details.
    Fact("418 622-1001"),
    Fact("1 855 837-9142"),
]

PRESIDENT_MESSAGE = [
    Fact("Le mot de la présidence", "The president’s message"),
    Fact("Préparons aujourd’hui le monde de demain", "Preparing today for tomorrow’s world"),
    Fact("M. Yvan Laurin", "Mr. Yvan Laurin"),
    Fact("Président", "President"),
    Fact("président du conseil d’administration", "president of the board"),
    Fact(
        "centre de services partagés de l’économie sociale",
        "shared-services centre of the social economy",
    ),
    Fact("initiateurs", "initiators"),
    Fact("membres fondateurs", "founding members"),
    Fact("directeur général", "director general"),
    Fact("innovation"),
    Fact(
        "coopératif, mutualiste et de l’économie sociale", "co-operative, mutual and social-economy"
    ),
    Fact("intercoopération à son meilleur", "inter-co-operation at its best"),
    Fact("s’aider soi-même, c’est aider les autres", "helping ourselves means helping others"),
    Fact("2021-2022"),
    Fact("membres auxiliaires", "auxiliary members"),
    Fact("membres sous entière gestion", "fully managed members"),
    Fact("Fédération des coopératives de câblodistribution et de télécommunication du Québec"),
    Fact("profitera aux deux parties", "will benefit both sides"),
    Fact("révolution", "revolution"),
    Fact("mieux placé que jamais", "better placed than ever"),
    Fact("pénurie de main-d’œuvre", "labour shortage"),
    Fact("attirer et garder les talents", "attract and keep talent"),
    Fact("aventure humaine", "human adventure"),
    Fact("pertinence et son efficacité", "relevant and effective"),
]

DIRECTOR_MESSAGE = [
    Fact("Le mot de la direction générale", "The director general’s message"),
    Fact("2021-2022 : Les fruits de nos efforts", "2021-2022: The fruits of our efforts"),
    Fact("M. J. Benoit Caron", "Mr. J. Benoit Caron"),
    Fact("Directeur général", "Director General"),
    Fact("Je suis fier", "I am proud"),
    Fact("normale nouvelle", "new normal"),
    Fact("le membrariat, les revenus et l’équipe", "membership, revenues and the team"),
    Fact("niveau record", "record level"),
    Fact("dévouement", "dedication"),
    Fact("presque tous les frais d’exploitation", "almost all operating expenses"),
    Fact("équilibre budgétaire", "budgetary balance"),
    Fact("partout au Québec", "all over Québec"),
    Fact("8,2 sur 10", "8.2 out of 10"),
    Fact("employeur de choix", "employer of choice"),
    Fact("exemple unique de coopération", "unique example of co-operation"),
    Fact(
        "centre de services partagés de l’économie sociale",
        "shared-services centre of the social economy",
    ),
    Fact("institutions gouvernementales", "government institutions"),
    Fact("Yvan Laurin"),
    Fact("après cette assemblée générale", "after this general meeting"),
    Fact("depuis la constitution du Consortium", "since the Consortium was founded"),
    Fact("un phare et un guide", "a beacon and a guide"),
]

CFT_PROJECT = [
    CFT_PROJECT_TITLE,
    Fact(
        "Programme de soutien financier en matière de conciliation famille-travail (CTF) "
        "destiné aux milieux de travail",
        "Financial support program for work-family balance in workplaces",
    ),
    Fact("conciliation travail-vie personnelle", "work-life balance"),
    Fact("sondage", "survey"),
    Fact("webinaire", "webinar"),
    Fact("2302 – MFA"),
    Fact(
        "Élaboration des politiques et procédure en conciliation travail vie personnelle",
        "Drafting of the work-life balance policies and procedure",
    ),
    Fact("Obtention du sceau Concilivi", "Obtaining the Concilivi seal"),
    Fact(
        "Sondage auprès des membres du Consortium sur leurs pratiques en conciliation travail "
        "vie personnelle",
        "Survey of the Consortium’s members on their work-life balance practices",
    ),
    Fact(
        "Diffusion des résultats et mesure des retombées",
        "Sharing of the results and measurement of the outcomes",
    ),
    Fact("Équipe des communications", "Communications team"),
    Fact(
        "Équipe des ressources humaines et transformation et gestion du changement",
        "Human resources, transformation and change management team",
    ),
    Fact(
        "Équipe de coordination et de gestion du projet", "Project coordination and management team"
    ),
    Fact("la portée, les coûts et les échéanciers", "scope, costs and schedules"),
    Fact(
        "Obtention du certificat CONCILIVI par le Consortium",
        "The Consortium obtained the CONCILIVI certificate",
    ),
    Fact(
        "Déclaration d’engagement du Consortium pour obtenir son engagement envers ses employés "
        "afin de les soutenir dans leurs obligations familiales",
        "A declaration of commitment by the Consortium to support its employees in their family "
        "obligations",
    ),
    Fact(
        "Alignement des mesures CFT selon le rapport du sondage fait par les employés du "
        "Consortium en 2021",
        "Work-family balance measures aligned with the report of the 2021 survey of the "
        "Consortium’s employees",
    ),
    Fact(
        "Amélioration au niveau de la flexibilité des horaires (horaire d’été à l’année)",
        "More flexible schedules (summer schedule all year round)",
    ),
    Fact(
        "Valorisation de l’utilisation de la banque d’heures",
        "Encouraging the use of the time bank",
    ),
    Fact(
        "Amélioration pour le choix des vacances estivales selon les opérations et les "
        "obligations familiales",
        "Better choice of summer vacation according to operations and family obligations",
    ),
    Fact(
        "Possibilité de prendre plus de 2 semaines de vacances consécutives",
        "Option of taking more than 2 consecutive weeks of vacation",
    ),
    Fact(
        "Mise en place du télétravail à 100% ou en formule hybride au choix de l’employé",
        "Full-time or hybrid remote work, as the employee chooses",
    ),
    Fact(
        "Réorganisation de l’horaire de l’employé selon les responsabilités familiales "
        "(réf : enfants malades)",
        "Employees’ schedules rearranged around family responsibilities (e.g. sick children)",
    ),
    Fact(
        "Positionnement officiel pour améliorer l’attraction des nouveaux candidats",
        "An official position to attract new candidates",
    ),
    Fact(
        "Plan de communication interne afin de mobiliser et fidéliser nos employés",
        "An internal communication plan to engage and retain our employees",
    ),
    Fact(
        "Bonification de notre processus d’accueil qui inclut la révision des grands principes "
        "de la conciliation CFT et de notre charte CFT",
        "An improved onboarding process that reviews the main principles of work-family "
        "balance and our work-family balance charter",
    ),
    Fact(
        "Révision de notre procédure de départ pour valider les aspects de la CFT",
        "A revised departure procedure that checks the work-family balance aspects",
    ),
    Fact(
        "Valorisation de notre nouveau programme de télémédecine",
        "Promotion of our new telemedicine program",
    ),
    Fact(
        "Nous sommes fiers d’arborer le sceau Concilivi qui démontre une belle évolution dans le "
        "monde du travail",
        "We are proud to display the Concilivi seal, which shows a welcome change in the world "
        "of work",
    ),
]

DIGITAL_PROJECT = [
    DIGITAL_PROJECT_TITLE,
    Fact(
        "Programme pour la transformation numérique des entreprises collectives",
        "Program for the digital transformation of collective enterprises",
    ),
    Fact("Conseil québécois de la coopération et de la mutualité (CQCM)"),
    Fact(
        "Chantier de l’économie sociale (le Chantier)",
        "Chantier de l’économie sociale (the Chantier)",
    ),
    Fact("Coopérative de développement régional du Québec (CDRQ)"),
    Fact("Les pôles d’économie sociale", "The pôles d’économie sociale"),
    Fact("Consortium de ressources et d’expertises coopératives"),
    Fact(
        "La formation et la vulgarisation sur les enjeux",
        "Training and plain-language explanation of the issues",
    ),
    Fact(
        "L’accompagnement à la planification stratégique en transformation numérique",
        "Support for strategic planning in digital transformation",
    ),
    Fact(
        "L’aide financière octroyée aux réseaux d’entreprises collectives pour des projets "
        "structurants",
        "Financial assistance granted to networks of collective enterprises for strategic projects",
    ),
    Fact("regroupement de savoir collectif", "pooling of collective knowledge"),
    Fact(
        "J. Benoit Caron, directeur général du Consortium de ressources et d’expertises "
        "coopératives",
        "J. Benoit Caron, Director General of the Consortium de ressources et d’expertises "
        "coopératives",
    ),
]

CONTACT = [
    Fact("Téléphone", "Phone"),
    Fact("418 622-1001"),
    Fact("1 855 837-9142"),
    Fact("Heures d’ouverture", "Opening hours"),
    Fact("du lundi au vendredi", "Monday to Friday"),
    Fact("8 h 30", "8:30 a.m."),
    Fact("16 h 30", "4:30 p.m."),
]

# What the seed states that the pages do not show as it is printed, and why:
# - “Proportions d’heures de services par département” and “Liste des ententes de coopération :”:
#   the text keeps only these titles (the departments, hours and agreements were pictures); a
#   heading with nothing under it is not shown (the loader says so in its “Seed data:” lines,
#   see test_the_loader_names_the_titles_the_report_does_not_show).
# - The figures of the graphics (meetings held, newsletters, press releases, head counts…):
#   pictures, not in the text; their labels are shown (above), no figure. “Moyenne d’âge … ans”
#   is a label whose only content is the missing figure: listed, it would state nothing.
# - “35 nouvelles organisations” and “Nouveaux membres 34”: 33 organisations are listed; the page
#   shows them and their computed count (33).
# - The 2020-2021 surplus printed “548 175 $”: revenues - expenses = 547 975 $, which the table
#   shows; the variances printed “+1 %” and “+15%” are shown computed, “+1,0 %” and “+15,5 %”.
# - LinkedIn “(58 %)” and Facebook “(30 %)”: the growth is computed from the followers,
#   “+57,7 %” and “+30,2 %”.
# - The check mark without a name before Jean R. Soublière in the board's composition.
# - The seed's check marks (“9”, “R”) are bullets, not statuses: no objective shows one.

PAGES = {
    "report": ("/fr/rapports-annuels/2021-2022/", "/en/annual-reports/2021-2022/", REPORT),
    "president's message": (
        "/fr/rapports-annuels/2021-2022/mot-de-la-presidence/",
        "/en/annual-reports/2021-2022/presidents-message/",
        PRESIDENT_MESSAGE,
    ),
    "director general's message": (
        "/fr/rapports-annuels/2021-2022/mot-de-la-direction-generale/",
        "/en/annual-reports/2021-2022/director-generals-message/",
        DIRECTOR_MESSAGE,
    ),
    "work-family balance project": (
        "/fr/rapports-annuels/2021-2022/meilleures-pratiques-cft/",
        "/en/annual-reports/2021-2022/work-family-balance-best-practices/",
        CFT_PROJECT,
    ),
    "digital transformation project": (
        "/fr/rapports-annuels/2021-2022/transformation-numerique/",
        "/en/annual-reports/2021-2022/digital-transformation/",
        DIGITAL_PROJECT,
    ),
    "contact page": ("/fr/nous-joindre/", "/en/contact-us/", CONTACT),
}

# Facts the seed does not state: the check marks before the objectives are bullets; the fiscal
# year's dates (the cover says "Exercice 2021-2022": the dates that choose the year's board and
# new members are not the report's).
INVENTED_ON_THE_REPORT = [
    Fact("Statut : Atteint", "Status: Achieved"),
    Fact("Atteint", "Achieved"),
    Fact("1er avril 2021", "April 1, 2021"),
    Fact("31 mars 2022", "March 31, 2022"),
    Fact("Exercice du", "Fiscal year from"),
]

# Elements that end a run of text: their text never runs into the next element's.
BLOCK_ELEMENTS = [
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "section", "summary", "table", "td", "th", "tr", "ul",
]  # fmt: skip


def normalized(text):
    text = re.sub(r"\s+", " ", text).replace("’", "'")
    text = re.sub(r" (?=[%:;!?»])", "", text)
    return text.replace("« ", "«")


def visible_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    for invisible in soup(["script", "style", "template"]):
        invisible.decompose()
    for element in soup.body.find_all(BLOCK_ELEMENTS):
        element.insert_before(" ")
        element.insert_after(" ")
    return normalized(soup.body.get_text())


def shows(text, fact):
    """Whether the fact is in the text as a whole: “97 %” is not in “197 %”."""
    return re.search(rf"(?<!\w){re.escape(normalized(fact))}(?!\w)", text) is not None


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response)


def test_a_fact_is_read_in_the_visible_text_as_a_whole():
    response = HttpResponse(
        '<html><head><title>Rapport annuel</title></head><body><img alt="Atteint">'
        "<script>const status = 'Statut : Atteint';</script><p>Produits</p><p>4 618 760 $</p>"
        "<p>1\u00a0230 abonnés, 97\u202f%, l'équipe</p><p>197 %</p></body></html>"
    )

    text = visible_text(response)

    assert shows(text, "4 618 760 $")
    assert shows(text, "1 230 abonnés") and shows(text, "97 %") and shows(text, "l’équipe")
    assert not shows(text, "Produits4")
    assert not shows(text, "Rapport annuel")
    assert not shows(text, "Atteint")
    assert not shows(text, "Statut : Atteint")
    assert not shows(text, "19")


@pytest.mark.parametrize("language_code", ["fr", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_fact_of_the_seed_is_on_the_page(client, demo_content, page, language_code):
    french_url, english_url, facts = PAGES[page]
    text = page_text(client, french_url if language_code == "fr" else english_url)

    missing = [
        fact.in_language(language_code)
        for fact in facts
        if not shows(text, fact.in_language(language_code))
    ]

    assert missing == []


@pytest.mark.parametrize("language_code", ["fr", "en"])
def test_the_report_states_nothing_the_seed_does_not(client, demo_content, language_code):
    french_url, english_url, _facts = PAGES["report"]
    text = page_text(client, french_url if language_code == "fr" else english_url)

    invented = [
        fact.in_language(language_code)
        for fact in INVENTED_ON_THE_REPORT
        if shows(text, fact.in_language(language_code))
    ]

    assert invented == []


def test_the_loader_names_the_titles_the_report_does_not_show(demo_content):
    seed_data = [
        line for line in demo_content.report.output.splitlines() if line.startswith("Seed data:")
    ]

    for title in [
        "Proportions d’heures de services par département",
        "Liste des ententes de coopération",
    ]:
        assert any(title in line and "does not show it" in line for line in seed_data), title
