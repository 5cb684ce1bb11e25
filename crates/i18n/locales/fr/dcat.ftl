# DCAT-AP catalogue export.

# Literals written in the feeds (the data is French, so they are always French).
dcat-catalog-title = Catalogue des données ouvertes de { $site }
dcat-catalog-description = Jeux de données publics publiés sur { $site }, décrits en DCAT-AP 3.
dcat-organization-catalog-description = Jeux de données publics publiés par { $organization }.
dcat-platform-name = Plateforme de données ouvertes { $site }

# Errors of the feed URLs.
dcat-error-query = Les paramètres de l'adresse ne sont pas lisibles : utilisez par exemple ?page=2&page_size=100.
dcat-error-page = Le numéro de page « { $value } » n'est pas valide : indiquez un nombre entier à partir de 1, par exemple ?page=2.
dcat-error-page-size = La taille de page « { $value } » n'est pas valide : indiquez un nombre de 1 à { $max }, ou « all » pour tout le catalogue en une seule page.
dcat-error-page-all = Avec page_size=all, le catalogue tient en une seule page : { $value ->
        [none] retirez le paramètre apres.
       *[other] retirez le paramètre page (valeur « { $value } ») et le paramètre apres.
    }
dcat-error-cursor = Le curseur « { $value } » n'est pas valide : suivez le lien hydra:next d'une page précédente, ou retirez le paramètre apres.
dcat-error-page-out-of-range = La page { $page } n'existe pas : à raison de { $size ->
        [one] { $size } jeu
       *[other] { $size } jeux
    } de données par page, ce catalogue tient en { $last ->
        [one] { $last } page
       *[other] { $last } pages
    }. Demandez une page de 1 à { $last }.
