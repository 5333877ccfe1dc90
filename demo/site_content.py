"""The demonstration public site: the organisation's real contact details (from the 2021-2022
report) and short pages written in our own words. French is the source; English is its
wagtail-localize translation."""

import datetime

HOME = {
    "title": "Consortium de ressources et d'expertises coopératives",
    "introduction": (
        "Le centre de services partagés de l'économie sociale : des experts qui mettent "
        "leurs compétences au service des coopératives, des mutuelles et des organismes "
        "d'économie sociale de tout le Québec."
    ),
    "slug": "accueil",
    "body_text": (
        "Le Consortium est une coopérative de services partagés. Ses membres, des "
        "entreprises collectives de tous les secteurs, y trouvent des services spécialisés "
        "qu'aucune d'elles n'aurait les moyens d'offrir seule. Plus les membres utilisent "
        "ces services, plus l'expertise grandit, au bénéfice de tous."
    ),
    "cta_heading": "Parlons de vos besoins",
    "cta_text": "Notre équipe répond du lundi au vendredi.",
    "cta_label": "Nous joindre",
}

ABOUT = {
    "title": "À propos",
    "slug": "a-propos",
    "introduction": (
        "Une initiative de coopération unique, devenue le centre de services partagés de "
        "l'économie sociale."
    ),
    "body_text": (
        "<h2>Notre mission</h2>"
        "<p>Donner à chaque entreprise collective accès à des services spécialisés de "
        "qualité.</p>"
        "<h2>Notre vision</h2>"
        "<p>Être le partenaire de choix des organisations d'économie sociale qui veulent "
        "changer d'échelle, grâce à une équipe d'experts compétente, disponible et "
        "interdisciplinaire, pour renforcer le tissu socioéconomique de toutes les régions "
        "du Québec et du Canada.</p>"
        "<h2>L'intercoopération</h2>"
        "<p>Chaque membre qui fait appel au Consortium renforce une expertise commune dont "
        "profitent ensuite toutes les autres entreprises collectives.</p>"
    ),
}

CONTACT = {
    "title": "Nous joindre",
    "slug": "nous-joindre",
    "introduction": (
        "Une question sur nos services ou sur l'adhésion? Écrivez-nous ou appelez-nous."
    ),
    "thank_you_text": (
        "<p>Merci! Votre message a bien été envoyé. Nous vous répondrons rapidement.</p>"
    ),
}

# From the report's contact section: phones and opening hours.
SITE_SETTINGS = {
    "organisation_name": "Consortium de ressources et d'expertises coopératives",
    "short_name": "Consortium",
    "phone_local": "418 622-1001",
    "phone_toll_free": "1 855 837-9142",
    "opening_first_day": 0,
    "opening_last_day": 4,
    "opens_at": datetime.time(8, 30),
    "closes_at": datetime.time(16, 30),
}

ENGLISH = {
    HOME["title"]: "Consortium de ressources et d'expertises coopératives",
    HOME["slug"]: "home",
    HOME["introduction"]: (
        "The shared-services centre of the social economy: experts who put their skills at "
        "the service of co-operatives, mutuals and social-economy organizations across Québec."
    ),
    HOME["body_text"]: (
        "The Consortium is a shared-services co-operative. Its members, collective "
        "enterprises from every sector, find specialized services there that none of them "
        "could afford to offer alone. The more members use these services, the more the "
        "expertise grows, to everyone's benefit."
    ),
    HOME["cta_heading"]: "Let's talk about your needs",
    HOME["cta_text"]: "Our team answers from Monday to Friday.",
    HOME["cta_label"]: "Contact us",
    ABOUT["title"]: "About",
    ABOUT["slug"]: "about",
    ABOUT["introduction"]: (
        "A unique co-operation initiative that has become the shared-services centre of the "
        "social economy."
    ),
    "Notre mission": "Our mission",
    "Donner à chaque entreprise collective accès à des services spécialisés de qualité.": (
        "To give every collective enterprise access to high-quality specialized services."
    ),
    "Notre vision": "Our vision",
    (
        "Être le partenaire de choix des organisations d'économie sociale qui veulent "
        "changer d'échelle, grâce à une équipe d'experts compétente, disponible et "
        "interdisciplinaire, pour renforcer le tissu socioéconomique de toutes les régions "
        "du Québec et du Canada."
    ): (
        "To be the partner of choice for social-economy organizations that want to scale up, "
        "thanks to a skilled, available and interdisciplinary team of experts, and so "
        "strengthen the social and economic fabric of every region of Québec and Canada."
    ),
    "L'intercoopération": "Inter-co-operation",
    (
        "Chaque membre qui fait appel au Consortium renforce une expertise commune dont "
        "profitent ensuite toutes les autres entreprises collectives."
    ): (
        "Every member that calls on the Consortium strengthens a shared expertise from which "
        "every other collective enterprise then benefits."
    ),
    CONTACT["title"]: "Contact us",
    CONTACT["slug"]: "contact-us",
    CONTACT["introduction"]: (
        "A question about our services or about membership? Write to us or give us a call."
    ),
    "Merci! Votre message a bien été envoyé. Nous vous répondrons rapidement.": (
        "Thank you! Your message has been sent. We will answer you shortly."
    ),
}
