# Harvest sources, jobs and the harvest command.

## Harvest sources and jobs of the platform

harvest-dashboard-link = Moissonnage des catalogues de vos organisations
harvest-sources-title = Moissonnage
harvest-sources-caption = Sources moissonnées
harvest-sources-empty = Aucune source de moissonnage pour l’instant.
harvest-source-new = Nouvelle source
harvest-source-create = Créer la source et voir l’aperçu
harvest-source-edit = Modifier la source
harvest-source-save = Enregistrer
harvest-source-active = Active
harvest-source-inactive = Inactive
harvest-source-activate = Activer la source
harvest-source-deactivate = Désactiver la source
harvest-source-run-now = Moissonner maintenant
harvest-field-kind = Type de catalogue
harvest-field-url = Adresse du catalogue
harvest-field-remote-organization = Organisation distante (facultatif)
harvest-field-tags = Mots-clés exigés, séparés par des virgules (facultatif)
harvest-field-query = Requête (facultatif)
harvest-field-schedule = Planification (cron, heure UTC)
harvest-field-schedule-hint = Cinq champs : minute, heure, jour du mois, mois, jour de la semaine. Exemple : « 0 3 * * * » chaque nuit à 3 h UTC (4 h ou 5 h à Paris, selon la saison ; les pages affichent les heures de Paris). Laisser vide pour moissonner seulement à la demande.
harvest-field-active = État
harvest-kind-ckan = CKAN
harvest-kind-dcat = DCAT (RDF)
harvest-kind-udata = udata
harvest-kind-ods = Opendatasoft
harvest-preview-link = Aperçu
harvest-preview-title = Aperçu de « { $name } »
harvest-preview-intro = Les { $limit } premières fiches de la source, telles qu’elles seraient importées. Rien n’est enregistré.
harvest-preview-allow-hint = Pour moissonner un catalogue de l’intranet ou de cette machine, un administrateur du serveur ajoute son réseau ou son nom d’hôte à la clé allow de la table [harvest] du fichier socle.toml (par exemple allow = "10.0.0.0/8"), puis redémarre socle.
harvest-preview-empty = La source n’a renvoyé aucune fiche.
harvest-preview-licence = Licence
harvest-preview-resources = Fichiers
harvest-jobs-title = Moissonnages
harvest-jobs-empty = Cette source n’a pas encore été moissonnée.
harvest-job-title = Moissonnage de « { $name } »
harvest-job-queued-at = Demandé le
harvest-job-status = État
harvest-job-counts = Résultat
harvest-job-status-line = État : { $status }
harvest-job-counts-line = { $created ->
        [one] { $created } créé
       *[other] { $created } créés
    }, { $updated } mis à jour, { $unchanged ->
        [one] { $unchanged } inchangé
       *[other] { $unchanged } inchangés
    }, { $archived ->
        [one] { $archived } archivé
       *[other] { $archived } archivés
    }, { $skipped ->
        [one] { $skipped } ignoré
       *[other] { $skipped } ignorés
    }, { $failed } en échec
harvest-job-incomplete = liste distante incomplète : aucun jeu de données n’a été archivé
harvest-job-status-queued = en attente
harvest-job-status-running = en cours
harvest-job-status-done = terminé
harvest-job-status-failed = échoué
harvest-job-status-interrupted = interrompu (relancé)
harvest-item-remote-id = Identifiant distant
harvest-item-title = Titre
harvest-item-outcome = Résultat
harvest-item-reason = Motif
harvest-outcome-created = créé
harvest-outcome-updated = mis à jour
harvest-outcome-unchanged = inchangé
harvest-outcome-archived = archivé
harvest-outcome-skipped = ignoré
harvest-outcome-failed = en échec
harvest-reason-missing-id = La fiche n’a pas d’identifiant : la source doit en donner un stable pour chaque jeu de données.
harvest-reason-duplicate-id = L’identifiant « { $id } » apparaît deux fois dans la source : seule la première fiche est importée.
harvest-reason-duplicate-identifier = L’identifiant « { $identifier } » est déjà celui d’une autre fiche de ce moissonnage.
harvest-reason-invalid-field = Champ « { $field } » invalide ({ $problem }) : corrigez la fiche dans le catalogue d’origine.
harvest-reason-other-organization = Cette fiche est déjà publiée par l’organisation « { $organization } » : elle n’est pas déplacée.
harvest-reason-other-organization-unnamed = Cette fiche est déjà reprise par une autre organisation de la plateforme : elle n’est pas déplacée.
harvest-reason-other-source = Cette fiche est déjà moissonnée par une autre source de l’organisation.
harvest-reason-deleted-locally = Le jeu de données correspondant a été supprimé ici : il n’est pas recréé.
harvest-reason-unknown-licence = Licence « { $licence } » inconnue : la plateforme accepte la Licence Ouverte 2.0, l’ODbL, CC BY 4.0 et CC0.
harvest-reason-no-licence = La fiche n’indique pas de licence : ajoutez-en une dans le catalogue d’origine.
harvest-error-kind = Choisissez le type du catalogue distant.
harvest-error-url = Adresse invalide : indiquez une adresse complète commençant par https:// (ou http://), de 2 048 caractères au plus.
harvest-error-schedule = Planification invalide : indiquez cinq champs cron, par exemple « 0 3 * * * ».
harvest-error-inactive = Activez la source avant de la moissonner.
harvest-error-interrupted = Le serveur s’est arrêté pendant le moissonnage ; il a été relancé.
harvest-error-internal = Erreur interne pendant l’enregistrement ; le moissonnage a été arrêté.
harvest-error-pages-failed = { $count ->
        [one] { $count } page de la source n’a pas pu être lue
       *[other] { $count } pages de la source n’ont pas pu être lues
    } : aucun jeu de données n’a été archivé.
harvest-page-failed = Page { $page } illisible.
harvest-run-source-not-found = Source de moissonnage introuvable : { $id }
    .hint = Copiez l’identifiant depuis la page de la source (adresse /moissonnage/sources/…).
harvest-run-inactive = La source { $id } n’est pas activée : rien n’a été moissonné.
    .hint = Vérifiez son aperçu puis activez-la sur sa page (/moissonnage/sources/{ $id }), et relancez la commande.
harvest-run-already-running = Un moissonnage de la source { $id } est déjà en cours (tâche { $job }).
    .hint = Suivez-le sur la page de la source, puis relancez la commande une fois qu’il est terminé.
harvest-run-counts = Jeux de données : { $created ->
        [one] { $created } créé
       *[other] { $created } créés
    }, { $updated } mis à jour, { $unchanged ->
        [one] { $unchanged } inchangé
       *[other] { $unchanged } inchangés
    }, { $archived ->
        [one] { $archived } archivé
       *[other] { $archived } archivés
    }, { $skipped ->
        [one] { $skipped } ignoré
       *[other] { $skipped } ignorés
    }, { $failed } en échec.
harvest-run-done = Moissonnage terminé.
harvest-run-report = Rapport détaillé, fiche par fiche : /moissonnage/sources/{ $source }/jobs/{ $job }
harvest-run-incomplete = La liste distante était incomplète : aucun jeu de données n’a été archivé.
harvest-run-not-started = Le moissonnage n’a pas pu démarrer : { $error }
    .hint = Vérifiez le dossier donné par --data et son fichier socle.toml, puis relancez la commande.
harvest-run-failed = Le moissonnage a échoué : { $reason }

## Reading remote catalogues: fetch errors, skipped entries, notes, listing ends,
## and `socle harvest preview`

harvest-fetch-invalid-url = L’adresse « { $url } » est invalide.
    .hint = Indiquez une adresse complète commençant par https:// ou http://.
harvest-fetch-unsupported-scheme = L’adresse « { $url } » utilise le protocole « { $scheme } » : seuls http et https sont acceptés.
    .hint = Indiquez une adresse commençant par https://.
harvest-fetch-host-not-found = Le serveur « { $host } » est introuvable.
    .hint = Vérifiez l’orthographe du nom de domaine et la connexion au réseau.
harvest-fetch-address-rejected = Le serveur « { $host } » a l’adresse { $address } (réseau { $range ->
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
    }) : les adresses non publiques sont refusées.
    .hint = Pour un catalogue de l’intranet ou de cette machine, ajoutez son réseau ou son nom à la liste d’autorisation (--allow ou SOCLE_HARVEST_ALLOW).
harvest-fetch-connection-failed = La connexion à « { $url } » a échoué : { $detail ->
        [refused] le serveur refuse la connexion, aucun service n’écoute à cette adresse et ce port
        [reset] le serveur a coupé la connexion
       *[other] { $detail }
    }.
    .hint = Vérifiez que le serveur est en ligne ; une nouvelle tentative plus tard peut réussir.
harvest-fetch-timeout = « { $url } » n’a pas répondu à temps ({ $seconds } s{ $attempts ->
        [1] {""}
       *[other] {" "}par requête, { $attempts } requêtes
    }).
    .hint = Le serveur est lent ou surchargé : réessayez plus tard.
harvest-fetch-too-large = La réponse de « { $url } » dépasse la taille maximale de { $limit } octets.
    .hint = Vérifiez qu’il s’agit de la bonne adresse, ou demandez une page plus petite au catalogue.
harvest-fetch-status = « { $url } » a répondu par le statut HTTP { $status }.
    .hint = Vérifiez l’adresse ; les statuts 5xx indiquent une panne du serveur distant.
harvest-fetch-too-many-redirects = Plus de { $limit } redirections depuis « { $url } ».
    .hint = Indiquez l’adresse finale du catalogue plutôt qu’une adresse redirigée.
harvest-fetch-redirect-loop = Boucle de redirections : « { $url } » a déjà été visitée.
    .hint = Le serveur distant est mal configuré : signalez-le à son administrateur.
harvest-fetch-invalid-redirect = La redirection de « { $url } » n’indique pas d’adresse valide.
    .hint = Le serveur distant est mal configuré : signalez-le à son administrateur.
harvest-fetch-read = La lecture de la réponse de « { $url } » a échoué : { $detail }.
    .hint = La connexion a été coupée : réessayez plus tard.
harvest-fetch-write = L’enregistrement de la réponse de « { $url } » a échoué : { $detail }.
    .hint = Vérifiez l’espace disque disponible.
harvest-read-invalid-json = La réponse de « { $url } » n’est pas du JSON valide : { $detail }.
    .hint = Vérifiez que l’adresse est bien celle de l’API du catalogue.
harvest-read-invalid-rdf = La réponse de « { $url } » n’est pas un document RDF lisible : { $detail }.
    .hint = Vérifiez le format de l’export DCAT (RDF/XML, Turtle ou JSON-LD) et sa syntaxe.
harvest-read-unexpected-answer = Réponse inattendue de « { $url } » : { $detail }.
    .hint = Vérifiez le type de catalogue choisi et l’adresse de son API.
harvest-read-invalid-url = L’adresse de source « { $url } » est invalide.
    .hint = Indiquez une adresse complète commençant par https://.
harvest-skip-missing-identifier = Fiche sans identifiant (ni dct:identifier, ni adresse IRI, ni id) : elle ne peut pas être suivie d’un moissonnage à l’autre.
harvest-skip-missing-title = La fiche « { $id } » n’a pas de titre.
harvest-skip-duplicate-identifier = L’identifiant « { $id } » a déjà été vu dans ce moissonnage : seule la première fiche est gardée.
harvest-skip-invalid-value = La fiche « { $id } » contient une valeur invalide pour « { $field } » : « { $value } ».
harvest-skip-not-an-object = L’entrée n° { $position } de la liste n’est pas un objet JSON.
harvest-skip-not-public = La fiche « { $id } » est privée ou supprimée dans le catalogue d’origine.
harvest-skip-not-a-dataset = La fiche « { $id } » est de type « { $type } », pas un jeu de données.
harvest-note-unknown-licence = Licence « { $value } » non reconnue : conservée telle quelle.
harvest-note-unknown-frequency = Fréquence « { $value } » non reconnue : conservée telle quelle.
harvest-note-distribution-without-url = Le fichier n° { $position } (« { $title } ») n’a pas d’adresse : il est ignoré.
harvest-note-invalid-value-ignored = Valeur invalide ignorée pour « { $field } » : « { $value } ».
harvest-cut-page-failed = La page « { $url } » n’a pas pu être lue, si bien que la suite de la liste est inconnue.
harvest-cut-next-link-loop = Le lien vers la page suivante revient à une page déjà lue (« { $url } »).
harvest-cut-next-link-off-host = Le lien vers la page suivante mène à un autre serveur (« { $url } ») : il n’est pas suivi.
harvest-cut-page-limit = Limite de { $max } pages atteinte.
harvest-cut-count-changed = Le nombre de fiches a changé pendant la lecture ({ $first } puis { $now }) : des fiches ont pu être sautées.
harvest-cut-offset-limit = L’API ne permet pas de lire au-delà de { $max } fiches : utilisez l’export DCAT du portail pour tout moissonner.
harvest-cut-stopped = Lecture arrêtée avant la fin de la liste.
harvest-preview-cli-heading = Aperçu de la source { $kind } « { $url } » : { $datasets ->
        [one] { $datasets } jeu de données
       *[other] { $datasets } jeux de données
    }, { $skipped ->
        [0] aucune fiche ignorée
        [one] { $skipped } fiche ignorée
       *[other] { $skipped } fiches ignorées
    } ({ $pages ->
        [0] aucune page lue
        [one] { $pages } page lue
       *[other] { $pages } pages lues
    }{ $failed ->
        [0] {""}
        [one] , 1 page illisible
       *[other] , { $failed } pages illisibles
    }){ $complete ->
        [yes] {""}
       *[no] {" "}dans une liste incomplète (voir la fin)
    }. Rien n’est enregistré.
harvest-preview-cli-dataset = Jeu de données « { $title } » (identifiant distant : { $id })
harvest-preview-cli-licence = Licence : { $licence }
harvest-preview-cli-frequency = Fréquence : { $frequency }
harvest-preview-cli-distributions = { $count ->
        [0] Aucun fichier
        [one] { $count } fichier :
       *[other] { $count } fichiers :
    }
harvest-preview-cli-raw = { $value } (non reconnue)
harvest-preview-cli-note = Remarque : { $message }
harvest-preview-cli-skipped = Fiche ignorée : { $message }
harvest-preview-cli-unreadable = Aucune page de « { $url } » n’a pu être lue : { $reason }
harvest-preview-cli-page-error = Page { $number } illisible : { $message }
harvest-preview-cli-complete = Liste complète : toutes les fiches de la source ont été lues.
harvest-preview-cli-more = La source contient d’autres fiches : seules les { $limit } premières sont montrées.
harvest-preview-cli-pages-failed = Liste incomplète : { $failed ->
        [one] { $failed } page n’a pas pu être lue.
       *[other] { $failed } pages n’ont pas pu être lues.
    }
harvest-preview-cli-cut-short = Liste incomplète : { $message }
harvest-preview-cli-allow-invalid = L’entrée « { $entry } » de la liste d’autorisation est invalide.
    .hint = Indiquez des réseaux (10.0.0.0/8, ::1) ou des noms de serveurs, séparés par des virgules.
harvest-preview-cli-allow-hint = Pour un catalogue sur cette machine ou sur l’intranet, ajoutez --allow-private, ou autorisez son réseau avec --allow (par exemple --allow 10.0.0.0/8).
