# Remote file refresh, version history and alerts.

## Resource page: schedule, versions, alerts

refresh-section-title = Actualisation du fichier distant
refresh-source = Adresse du fichier
refresh-last-check = Dernière vérification
refresh-never-checked = Pas encore vérifié : la vérification a lieu dans la minute qui suit l'ajout du lien.
refresh-outcome-not-modified = inchangé (le serveur a répondu « non modifié »)
refresh-outcome-unchanged = inchangé (contenu identique à la version en cours)
refresh-outcome-changed = nouvelle version enregistrée
refresh-outcome-failed = échec
refresh-last-error = Motif du dernier échec
refresh-failures = Échecs consécutifs
refresh-next-check = Prochaine vérification
refresh-disabled = Actualisation automatique arrêtée
refresh-enabled = Actualiser automatiquement
refresh-harvested-off = Ce fichier appartient à un jeu de données moissonné : son éditeur d'origine le sert, et la plateforme ne le récupère pas d'elle-même. Cochez « Actualiser automatiquement » pour le vérifier régulièrement ici aussi.
refresh-interval = Fréquence
refresh-interval-3600 = Toutes les heures
refresh-interval-21600 = Toutes les 6 heures
refresh-interval-86400 = Tous les jours
refresh-interval-604800 = Toutes les semaines
refresh-interval-2592000 = Tous les 30 jours
refresh-interval-seconds = Toutes les { $seconds } secondes
refresh-save = Enregistrer
refresh-now = Actualiser maintenant
refresh-versions-title = Versions récupérées
refresh-versions-empty = Aucune version récupérée pour l'instant.
refresh-version-number = Version
refresh-version-fetched = Récupérée le
refresh-version-size = Taille
refresh-version-status = Validation
refresh-version-download = Télécharger la version { $version }

## Alerts

refresh-alerts-title = Alertes
refresh-alert-became-invalid = « { $resource } » ({ $dataset }) : le fichier actualisé n'est plus valide
refresh-alert-url-failed = « { $resource } » ({ $dataset }) : le fichier distant est inaccessible
refresh-alert-recovered = « { $resource } » ({ $dataset }) : retour à la normale
refresh-alert-mark-seen = Marquer comme vue
refresh-alert-seen-at = Vue le { $date }
refresh-detail-invalid = La version { $version } ne respecte pas le schéma du jeu de données. La version précédente reste téléchargeable depuis la page du fichier.
refresh-detail-valid-again = La version { $version } respecte de nouveau le schéma.
refresh-detail-url-recovered = L'adresse { $url } répond de nouveau.
refresh-detail-personal-data = La version { $version } contient des données personnelles à vérifier. Tant qu'un éditeur n'a pas confirmé leur publication, elle n'est servie qu'aux éditeurs et les visiteurs reçoivent la version précédente. Pour la publier, dépubliez puis republiez le jeu de données en cochant la confirmation.

## Errors of the editor's actions

refresh-error-interval = Cette fréquence n'est pas acceptée : choisissez une fréquence entre 15 minutes et 31 jours.
refresh-error-lang = Langue inconnue : seules « fr » et « en » sont acceptées.
refresh-error-not-url = Ce fichier a été déposé sur la plateforme : seul un fichier ajouté par un lien peut être actualisé.

## Why a remote file could not be fetched

refresh-fetch-invalid-url = L'adresse « { $url } » n'est pas une URL valide. Corrigez le lien du fichier.
refresh-fetch-unsupported-scheme = L'adresse « { $url } » utilise le protocole « { $scheme } » : seuls http et https sont acceptés. Corrigez le lien du fichier.
refresh-fetch-host-not-found = Le serveur « { $host } » est introuvable. Vérifiez le nom de domaine du lien.
refresh-fetch-address-rejected = Le serveur « { $host } » a l'adresse { $address }, qui n'est pas une adresse publique (plage { $range ->
        [loopback] de bouclage local
        [private] privé
        [shared-cgnat] partagé (CGNAT)
        [link-local] de lien local
        [multicast] de multidiffusion
        [reserved] réservé
        [documentation] réservé à la documentation et aux tests
        [ietf-protocol] réservé aux protocoles de l’IETF
        [unique-local] local unique IPv6
        [unspecified] non spécifié
       *[other] { $range }
    }) : la plateforme refuse de s'y connecter. Publiez le fichier à une adresse publique, ou demandez à l'administrateur d'ajouter ce réseau au réglage fetch_allow.
refresh-fetch-connection-failed = La connexion à « { $url } » a échoué ({ $detail ->
        [refused] le serveur refuse la connexion, aucun service n'écoute à cette adresse et ce port
        [reset] le serveur a coupé la connexion
       *[other] { $detail }
    }). Vérifiez que le serveur est en marche ; une nouvelle tentative aura lieu plus tard.
refresh-fetch-timeout = Le serveur de « { $url } » n'a pas répondu dans les { $seconds } secondes permises. Une nouvelle tentative aura lieu plus tard.
refresh-fetch-too-large = Le fichier de « { $url } » dépasse la taille maximale de { $limit } octets. Publiez un fichier plus petit ou demandez à l'administrateur de relever la limite.
refresh-fetch-status = Le serveur de « { $url } » a répondu par l'erreur HTTP { $status }. Vérifiez que le fichier est toujours publié à cette adresse.
refresh-fetch-too-many-redirects = L'adresse « { $url } » redirige plus de { $limit } fois. Donnez l'adresse finale du fichier.
refresh-fetch-redirect-loop = L'adresse « { $url } » redirige en boucle. Corrigez la redirection sur le serveur ou donnez l'adresse finale du fichier.
refresh-fetch-invalid-redirect = L'adresse « { $url } » redirige sans indiquer de destination valide. Donnez l'adresse finale du fichier.
refresh-fetch-read = La lecture du fichier de « { $url } » a échoué ({ $detail }). Une nouvelle tentative aura lieu plus tard.
refresh-fetch-write = L'enregistrement du fichier de « { $url } » a échoué ({ $detail }). Prévenez l'administrateur de la plateforme.
refresh-fetch-empty = L'adresse « { $url } » a renvoyé un fichier vide. Vérifiez que le fichier est toujours publié à cette adresse.
refresh-fetch-allow-invalid = Le réglage fetch_allow contient une entrée invalide « { $entry } ». Prévenez l'administrateur de la plateforme.
refresh-fetch-internal = Une erreur interne a empêché l'actualisation. Prévenez l'administrateur de la plateforme.

## Alert e-mails

refresh-mail-subject-became-invalid = [socle] Fichier devenu invalide : { $resource } ({ $dataset })
refresh-mail-subject-url-failed = [socle] Fichier distant inaccessible : { $resource } ({ $dataset })
refresh-mail-subject-recovered = [socle] Retour à la normale : { $resource } ({ $dataset })
refresh-mail-greeting = Bonjour { $name },
refresh-mail-intro-became-invalid = La dernière actualisation du fichier « { $resource } » du jeu de données « { $dataset } » a apporté un fichier qui ne respecte plus son schéma.
refresh-mail-intro-url-failed = Le fichier « { $resource } » du jeu de données « { $dataset } » n'a pas pu être récupéré à son adresse.
refresh-mail-intro-recovered = Le fichier « { $resource } » du jeu de données « { $dataset } » est revenu à la normale.
refresh-mail-reason = Détail : { $reason }
refresh-mail-link = Page du fichier sur la plateforme : { $path }
refresh-mail-footer = Vous recevez ce message parce que vous êtes éditeur ou administrateur de l'organisation qui publie ce jeu de données.
