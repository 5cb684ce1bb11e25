## Pages of the publication platform (socle serve).

server-nav-skip = Aller au contenu
server-nav-label = Navigation principale
server-nav-home = Retour à l'accueil
server-nav-datasets = Jeux de données
server-nav-organizations = Organisations
server-nav-dashboard = Mon espace
server-nav-sign-in = Se connecter
server-nav-sign-out = Se déconnecter ({ $name })
server-nav-other-language = English
server-footer-text = socle : plateforme de données ouvertes des collectivités. Fonctionne hors ligne, sans service tiers.
server-breadcrumb-label = Fil d'Ariane

server-home-title = Données ouvertes des collectivités
server-home-lead = Trouvez et téléchargez les données publiées par les communes, EPCI et départements.
server-home-latest = Derniers jeux de données
server-home-empty = Aucun jeu de données publié pour l'instant.
server-home-organizations = Organisations

server-search-title = Rechercher des données
server-search-label = Rechercher un jeu de données
server-search-button = Rechercher
server-search-filters = Affiner
server-search-count = Résultats : { $count }
server-facet-organisation = Organisation
server-facet-tag = Mot-clé
server-facet-format = Format
server-facet-licence = Licence
server-facet-schema = Schéma
server-facet-validite = Validité
server-facet-remove = (retirer ce filtre)
server-pagination-label = Pages de résultats
server-pagination-previous = Page précédente
server-pagination-next = Page suivante
server-pagination-page = Page { $page } sur { $count }

server-validity-unknown = Non vérifié
server-validity-valid = Conforme au schéma
server-validity-valid-no-schema = Structure correcte, sans schéma
server-validity-invalid = Non conforme
server-status-none = Non validé (pas de schéma ou pas un tableau)
server-status-pending = Validation en attente
server-status-running = Validation en cours
server-status-valid = Fichier conforme
server-status-valid-no-schema = Tableau lisible, aucun schéma déclaré
server-status-invalid = Fichier non conforme
server-status-failed = Fichier illisible

server-dataset-draft = Brouillon
server-dataset-private = Privé
server-dataset-add-file = Ajouter un fichier
server-dataset-publish = Publier
server-dataset-unpublish = Repasser en brouillon
server-dataset-metadata = Informations
server-dataset-resources = Fichiers
server-dataset-no-resources = Aucun fichier pour l'instant.
server-resource-file = Fichier
server-resource-format = Format
server-resource-size = Taille
server-resource-validation = Validation
server-resource-download = Téléchargement
server-resource-download-file = Télécharger { $name }
server-preview-title = Aperçu de { $name }
server-preview-caption = { $rows ->
    [1] La première ligne du fichier
   *[other] Les { $rows } premières lignes du fichier
}
server-preview-more = Le fichier contient d'autres lignes : téléchargez-le pour tout voir.

server-field-organization = Organisation
server-field-title = Titre
server-field-description = Description
server-field-description-help = Texte en Markdown : listes, liens, gras.
server-field-licence = Licence
server-field-tags = Mots-clés
server-field-tags-help = Séparés par des virgules.
server-field-frequency = Fréquence de mise à jour
server-field-temporal = Période couverte
server-field-temporal-start = Du
server-field-temporal-end = Au
server-field-spatial = Couverture géographique
server-field-spatial-help = Codes séparés par des virgules : commune:42218, epci:244200770, departement:42.
server-spatial-commune = Commune (code INSEE { $code })
server-spatial-epci = EPCI (SIREN { $code })
server-spatial-departement = Département { $code }
server-field-contact = Contact
server-field-contact-name = Nom du contact
server-field-contact-email = Adresse électronique du contact
server-field-schema = Schéma
server-field-private = Jeu de données privé (visible seulement des membres de l'organisation)
server-field-modified = Mis à jour le
server-field-origin = Origine
server-origin-harvested = Moissonné depuis la source « { $source } »
server-origin-modified = modifié à la source le
server-origin-record = voir la fiche d'origine
server-field-identifier = Identifiant
server-field-email = Adresse électronique
server-field-name = Nom
server-field-siren = SIREN
server-field-password = Mot de passe
server-field-display-name = Nom affiché

server-frequency-UNKNOWN = Inconnue
server-frequency-CONT = En continu
server-frequency-DAILY = Quotidienne
server-frequency-WEEKLY = Hebdomadaire
server-frequency-MONTHLY = Mensuelle
server-frequency-QUARTERLY = Trimestrielle
server-frequency-ANNUAL_2 = Semestrielle
server-frequency-ANNUAL = Annuelle
server-frequency-BIENNIAL = Tous les deux ans
server-frequency-TRIENNIAL = Tous les trois ans
server-frequency-IRREG = Irrégulière
server-frequency-NEVER = Jamais
server-frequency-OTHER = Autre

server-organization-kind-commune = Commune
server-organization-kind-epci = EPCI
server-organization-kind-departement = Département
server-organization-kind-region = Région
server-organization-kind-syndicat = Syndicat
server-organization-kind-etablissement-public = Établissement public
server-organization-kind-other = Autre
server-organizations-title = Organisations
server-organization-datasets = Jeux de données ({ $count })
server-role-admin = administrateur
server-role-editor = éditeur
server-role-member = membre

server-login-title = Se connecter
server-login-email = Adresse électronique
server-login-password = Mot de passe
server-login-submit = Se connecter
server-login-failed = Adresse électronique ou mot de passe incorrect.

server-dashboard-title = Mon espace
server-dashboard-new-dataset = Créer un jeu de données
server-dashboard-empty = Cette organisation n'a pas encore de jeu de données.
server-dashboard-no-organization = Vous n'êtes membre d'aucune organisation : demandez à un administrateur de vous ajouter.

server-new-title = Créer un jeu de données
server-new-template = Partir d'un modèle SCDL
server-new-template-help = Choisir un modèle remplit le titre, la description, les mots-clés, le schéma et la fréquence.
server-new-template-none = Aucun modèle
server-new-template-apply = Utiliser ce modèle
server-new-no-organization = Vous devez être éditeur d'une organisation pour créer un jeu de données.
server-new-submit = Créer le jeu de données

server-upload-title = Déposer un fichier
server-upload-lead = Ajoutez un fichier au jeu de données « { $title } ». Il sera vérifié automatiquement.
server-upload-choose = Choisissez un fichier ou glissez-le ici
server-upload-help = Tableaux CSV, TSV, XLSX, XLS ou ODS, validés ; budgets TOTEM en XML, convertis ; autres fichiers (JSON, PDF, ZIP…) publiés sans validation. Jusqu'à { $size }.
server-upload-progress = Envoi en cours
server-upload-submit = Envoyer le fichier

server-report-title = Rapport de validation : { $name }
server-report-running = La vérification est en cours ; cette page se met à jour toute seule.
server-report-rows = Lignes lues
server-report-errors = Erreurs trouvées
server-report-encoding = Encodage
server-report-delimiter = Séparateur
server-report-truncated = La vérification s'est arrêtée au nombre maximal d'erreurs : corrigez celles-ci puis déposez à nouveau le fichier.
server-report-by-column = Problèmes par colonne
server-report-column = Colonne « { $name } »
server-report-file-level = Fichier et en-tête
server-report-occurrences = { $count } fois
server-report-how-to-fix = Comment corriger :
server-report-rows-caption = Lignes et valeurs concernées
server-report-row = Ligne
server-report-cell = Valeur
server-report-warnings = Avertissements
server-report-next = Et maintenant ?
server-report-normalise = Convertir en CSV UTF-8 séparé par des virgules
server-report-publish = Publier le jeu de données
server-report-publish-anyway = Publier quand même, avec ce rapport
server-report-reupload = Corriger et remplacer ce fichier

server-error-title = Une erreur est survenue
server-error-title-400 = Demande à corriger
server-error-title-403 = Accès refusé
server-error-title-404 = Page introuvable
server-error-title-413 = Fichier trop volumineux
server-error-forbidden-hint = Cette page ou cette action est réservée aux éditeurs ou administrateurs de l'organisation concernée, ou aux administrateurs de la plateforme. Demandez ce rôle à l'administrateur de votre organisation.
server-error-malformed-request = La requête est incomplète ou mal formée : rechargez la page, puis envoyez de nouveau le formulaire.
server-error-not-found = Cette page n'existe pas, ou vous n'avez pas le droit de la voir.
server-error-forbidden = Vous n'avez pas le droit de faire cette action.
server-error-csrf = Le formulaire a expiré : rechargez la page et recommencez.
server-error-too-large = Le fichier dépasse la taille maximale autorisée.
server-error-internal = Erreur interne du serveur. L'incident a été enregistré ; réessayez plus tard.
server-error-upload-form = Le formulaire d'envoi est incomplet : choisissez un fichier et recommencez.
server-error-upload-interrupted = L'envoi du fichier a été interrompu : recommencez.
server-error-upload-empty = Le fichier envoyé est vide.
server-error-normalise-unreadable = Le fichier n'a pas pu être lu pour la conversion.

server-cli-failed = le serveur s'est arrêté sur une erreur : { $error }
server-cli-config-invalid = configuration invalide : { $error }
server-cli-user-created = Compte créé : { $email }
server-cli-admin-created = Compte d'administrateur de la plateforme créé : { $email }. Il gère les organisations et leurs membres sur /administration.
server-cli-user-failed = le compte n'a pas pu être créé : { $error }
server-cli-password-prompt = Mot de passe (10 caractères au moins) :

server-nav-admin = Administration
server-admin-title = Administration de la plateforme
server-admin-new-organization = Créer une organisation
server-admin-kind = Type d'organisation
server-admin-create = Créer l'organisation
server-admin-member = Donner un rôle à un utilisateur
server-admin-role = Rôle
server-admin-save-member = Enregistrer le rôle
server-admin-unknown-user = Aucun compte n'a cette adresse électronique : créez-le d'abord avec « socle admin create-user ».

server-link-title = Ou bien : indiquer l'adresse d'un fichier publié ailleurs
server-link-url = Adresse (URL) du fichier
server-link-name = Nom affiché
server-link-submit = Ajouter le lien
server-error-link-invalid = L'adresse doit commencer par https:// ou http:// et ne contenir aucune espace.

server-dataset-edit = Modifier les informations
server-edit-title = Modifier le jeu de données
server-edit-submit = Enregistrer les modifications

# Personal data found in an uploaded file, and the confirmation needed to publish it.
server-privacy-title = Données personnelles
server-privacy-capped = Seules les { $shown } premières détections sur { $total } sont listées.
server-privacy-confirmed = Publication confirmée par { $user } le { $at }.
server-privacy-confirm-label = Je confirme que les données personnelles signalées peuvent être publiées (élu dans ses fonctions, personne morale, accord de la personne).
server-error-privacy-confirmation-required = Un fichier de ce jeu de données contient des données personnelles : ouvrez son rapport de validation et cochez la case de confirmation avant de publier.
server-error-privacy-scan-running = Un fichier de ce jeu de données est encore en cours de vérification : attendez la fin du rapport de validation, puis publiez.
server-privacy-publish-redacted = Remplacer par une version masquée
server-privacy-private-resource = Ce fichier est privé : seuls les éditeurs de l'organisation le voient, et il n'est pas publié avec le jeu de données.
server-error-redact-failed = La version masquée n'a pas pu être écrite : le fichier d'origine n'a pas pu être relu. Déposez-le à nouveau, puis recommencez.
server-resource-private = privé

server-budget-title = Fichier budgétaire TOTEM
server-budget-publish = Publier le budget au format SCDL (CSV)
server-budget-error = Ce fichier TOTEM ne peut pas être converti :
server-budget-plans-missing = Aucun plan de comptes n'est chargé (réglage totem_plans absent ou dossier illisible) : les libellés des comptes et les chapitres seront vides, et le CSV publié ne sera pas conforme au schéma budget. Pour les obtenir : socle totem plans fetch --year ANNÉE --norme NORME --declinaison DÉCLINAISON --plans DOSSIER, puis indiquez ce dossier dans le réglage totem_plans (SOCLE_TOTEM_PLANS) et redémarrez.
server-budget-warnings = Points relevés pendant la conversion :
server-budget-more-warnings = … et { $count } autres points non affichés.
server-budget-not-totem = Ce fichier n'est pas un document budgétaire TOTEM (DocumentBudgetaire ou CompteFinancierUnique).

## Personal-data hold on files of published datasets, file deletion and replacement.
server-privacy-held = Ce fichier n'est pas public : il a été ajouté à un jeu de données publié et reste réservé aux éditeurs tant que la vérification des données personnelles n'est pas terminée ou, si elle le demande, tant qu'un éditeur ne l'a pas confirmée.
server-privacy-unscanned = La recherche de données personnelles n'a pas pu lire ce fichier. Vérifiez-le vous-même : il ne sera publié qu'après la confirmation d'un éditeur.
server-privacy-unscanned-confirmed = Publication sans vérification automatique confirmée par { $user } le { $at }.
server-privacy-confirm-unscanned-label = J'ai vérifié ce fichier moi-même et je confirme qu'il peut être publié.
server-privacy-confirm-submit = Confirmer et publier ce fichier
server-privacy-confirm-all-label = Je confirme que les fichiers signalés ci-dessous peuvent être publiés malgré leurs données personnelles ou l'absence de vérification automatique.
server-error-privacy-box-unticked = La case de confirmation n'est pas cochée : cochez-la pour publier ce fichier.
server-error-resource-validating = Ce fichier est encore en cours de validation : attendez la fin du rapport, puis remplacez-le.
server-privacy-awaiting-scanning = vérification des données personnelles en cours
server-privacy-awaiting-needs_confirmation = données personnelles à confirmer par un éditeur
server-privacy-awaiting-unscanned = vérification impossible, confirmation d'un éditeur requise
server-privacy-awaiting-cleared = vérifié
server-dataset-awaiting-title = Fichiers en attente de la vérification des données personnelles
server-dataset-awaiting-held = Il n'est pas public en attendant.
server-publication-blocked-title = Publication impossible pour le moment
server-publication-blocked-lead = Le jeu de données « { $title } » n'est pas publié : ouvrez le rapport de chaque fichier ci-dessous, puis confirmez ses données personnelles ou attendez la fin de sa vérification.
server-publication-blocked-back = Revenir au jeu de données
server-resource-delete = Supprimer ce fichier
server-resource-delete-title = Supprimer le fichier « { $name } »
server-resource-delete-lead = Le fichier sera retiré du jeu de données « { $dataset } » : il ne sera plus listé ni téléchargeable. Cette action ne peut pas être annulée.
server-resource-delete-submit = Supprimer définitivement
server-resource-delete-cancel = Annuler
server-resource-replace-title = Remplacer le fichier « { $name } »
server-resource-replace-lead = Le nouveau fichier garde l'adresse de téléchargement de l'ancien. Il est validé et vérifié à nouveau.
server-resource-replace-published = Le jeu de données est publié : pendant la vérification du nouveau fichier, ni l'ancien ni le nouveau n'est téléchargeable par le public.
server-resource-replace-submit = Remplacer le fichier
server-status-none-fetch-failed = Non validé : le fichier distant n'a pas pu être récupéré (voir le rapport)
server-status-none-not-fetched = Non validé : fichier distant pas encore récupéré
server-status-none-not-scheduled = Non validé : fichier servi par son éditeur d'origine, que la plateforme ne récupère pas d'elle-même
server-status-none-not-table = Non validé : le format { $format } n'est pas un tableau
server-status-none-totem = Non validé : fichier budgétaire TOTEM (XML), convertissez-le en CSV SCDL depuis son rapport
