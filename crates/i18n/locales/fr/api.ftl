# CKAN-compatible Action API and socle's API documentation page.

## Errors of the Action API

api-error-not-found = Introuvable : aucun élément visible avec cet identifiant. Vérifiez l'identifiant ou le nom, et le jeton si l'élément est privé.
api-error-missing = Valeur manquante : renseignez « { $field } ».
api-error-too-large = Le corps de la requête dépasse la limite de { $limit } octets : envoyez un contenu plus petit.
api-error-not-text = La valeur « { $value } » n'est pas un texte : envoyez une chaîne de caractères.
api-error-not-boolean = La valeur « { $value } » n'est pas un booléen : utilisez true ou false.
api-error-not-integer = La valeur « { $value } » n'est pas un nombre entier : utilisez par exemple 10.
api-error-not-natural = La valeur { $value } est négative : utilisez un nombre entier positif ou nul.
api-error-not-list = La valeur « { $value } » n'est pas une liste : envoyez une liste JSON, par exemple ["tags"].
api-error-query-quote = Guillemet non fermé dans « { $clause } » : fermez la valeur entre guillemets.
api-error-query-syntax = Syntaxe non comprise : « { $clause } ». Écrivez champ:valeur ou champ:"valeur avec espaces".
api-error-query-unsupported = Opérateur non pris en charge : « { $clause } ». socle combine les clauses par ET ; retirez les négations et les OU.
api-error-query-field = Champ de filtre inconnu : « { $field } ». Champs acceptés : { $fields }.
api-error-sort = Tri non compris : « { $clause } ». Écrivez un champ (score, metadata_modified, metadata_created, title_string, name) suivi de asc ou desc.
api-error-facet-field = Facette inconnue : « { $field } ». Facettes disponibles : { $fields }.
api-error-token-required = Cette action demande un jeton d'API dans l'en-tête Authorization. Créez-en un dans votre espace, page « Jetons d'API ».
api-error-token-invalid = Le jeton d'API envoyé est inconnu ou révoqué : créez-en un nouveau dans votre espace.
api-error-method = Méthode HTTP non prise en charge : utilisez GET ou POST.
api-error-unknown-action = Action inconnue : « { $action } ». La liste des actions est sur la page /api.
api-error-post-required = L'action { $action } modifie le catalogue : envoyez-la en POST.
api-error-query-string = La chaîne de requête est mal encodée : encodez les paramètres en URL.
api-error-multipart = Le corps multipart est invalide ou interrompu : renvoyez le formulaire complet.
api-error-form = Le formulaire est mal encodé : encodez-le en application/x-www-form-urlencoded.
api-error-json-object = Le corps JSON doit être un objet, par exemple {"{"}"id": "mon-jeu"{"}"}.
api-error-json = JSON invalide ligne { $line }, colonne { $column } : corrigez la syntaxe du corps de la requête.
api-error-organization-sort = Tri non compris : « { $value } ». Utilisez name, title ou package_count, suivi de asc ou desc.
api-error-name-invalid = Le nom doit compter de 2 à 100 caractères parmi les minuscules sans accent, les chiffres, « - » et « _ ».
api-error-name-taken = Ce nom est déjà utilisé par un autre jeu de données : choisissez-en un autre.
api-error-frequency = Fréquence non reconnue : « { $value } ». Utilisez un code ou une URI du vocabulaire européen des fréquences (ANNUAL, MONTHLY…) ou de Dublin Core.
api-error-schema = Schéma inconnu : « { $value } ». Donnez l'URL schema.data.gouv.fr ou le nom d'un schéma proposé par la plateforme.
api-error-tag = Mot-clé invalide : { $value }. Envoyez {"{"}"name": "mot-clé"{"}"} ou un texte non vide.
api-error-extra-shape = Extra invalide : { $value }. Chaque extra est de la forme {"{"}"key": …, "value": …{"}"}.
api-error-licence = Licence inconnue : « { $value } ». Licences acceptées : { $licences }.
api-error-extra-unknown = L'extra « { $key } » n'est pas conservé par socle : retirez-le. Extras acceptés : { $keys }.
api-error-state = État non pris en charge : « { $value } ». Utilisez active ou draft ; pour supprimer, appelez package_delete.
api-error-resource-shape = Chaque ressource doit être un objet JSON avec au moins une « url ».
api-error-organization = Organisation introuvable : « { $value } ». Donnez l'identifiant ou le nom d'une organisation existante.
api-error-not-editor = Vous n'êtes pas éditeur de l'organisation de ce jeu de données : demandez ce rôle à un administrateur.
api-error-owner-change = Un jeu de données ne change pas d'organisation : retirez owner_org ou donnez l'organisation actuelle (« { $value } » reçu).
api-error-not-platform-admin = Seuls les administrateurs de la plateforme peuvent faire cette action.
api-error-organization-kind = Type d'organisation inconnu : « { $value } ». Utilisez commune, epci, departement, region, syndicat, etablissement-public ou other.
api-error-not-organization-admin = Seuls les administrateurs de cette organisation ou de la plateforme gèrent ses membres.
api-error-user-not-found = Aucun compte avec l'adresse « { $value } » : le nom d'utilisateur est l'adresse électronique du compte.
api-error-role = Rôle inconnu : « { $value } ». Utilisez member, editor ou admin.
api-error-upload-twice = Un seul fichier « upload » par appel : envoyez les autres fichiers un par un.
api-error-upload-empty = Le fichier envoyé est vide : choisissez un fichier qui contient des données.
api-error-field-too-large = Champ trop long : { $limit } octets au plus.
api-error-url = Lien invalide : « { $value } ». Donnez une adresse http:// ou https:// sans espace, de 2 000 caractères au plus.

api-site-description = Plateforme de données ouvertes des collectivités, compatible avec l'API CKAN.

## The /api page

api-page-title = API de la plateforme
api-page-intro = La plateforme publie son catalogue de deux façons : l'API Action de CKAN (lecture et écriture), utilisable par les logiciels métier et le moissonneur de data.gouv.fr, et un catalogue DCAT-AP.
api-page-openapi-link = Description OpenAPI 3.1 (JSON)
api-page-ckan-title = API CKAN
api-page-ckan-intro = Les actions répondent en JSON dans l'enveloppe de CKAN : help, success, puis result ou error. Les actions de lecture acceptent GET et POST ; les actions d'écriture demandent POST avec un corps JSON, un formulaire ou un envoi multipart.
api-page-ckan-base = Adresse des actions :
api-page-read-title = Lire le catalogue
api-page-write-title = Publier
api-page-token-intro = L'écriture demande un jeton d'API, envoyé dans l'en-tête Authorization (tel quel ou précédé de « Bearer »). Un éditeur écrit les jeux de données de ses organisations.
api-page-token-link = Créer un jeton dans votre espace
api-page-upload-note = Un fichier envoyé passe par le même chemin que dans l'interface : limite de taille, validation en arrière-plan contre le schéma du jeu de données, puis recherche de données personnelles. La réponse donne validation_status et validation_report_url.
api-page-actions-title = Actions disponibles
api-page-action = Action
api-page-access = Accès
api-page-description = Description
api-page-access-read = lecture
api-page-access-write = écriture (jeton)
api-page-errors-title = Erreurs
api-page-errors = Statuts de CKAN : 404 « Not Found Error », 403 « Authorization Error », 409 « Validation Error » (une liste de messages par champ), 400 pour une action inconnue, un JSON invalide ou une recherche mal formée. Les messages sont en français, en anglais avec l'en-tête Accept-Language: en.
api-page-differences-title = Différences connues avec CKAN
api-page-difference-hidden = Un jeu de données privé, un brouillon ou un jeu supprimé répond « Not Found Error » à qui n'y a pas droit, plutôt que « Authorization Error », pour ne pas révéler son existence.
api-page-difference-query = Il n'y a pas de Solr : q et fq acceptent des mots et des clauses champ:valeur combinées par ET ; les négations, les OU et les intervalles sont refusés avec un message.
api-page-difference-update = package_update conserve la licence et la fréquence quand elles sont absentes, et ne touche aux ressources que si la clé resources est présente.
api-page-difference-spatial = La couverture géographique est un ensemble de codes (commune:42218…), publié dans l'extra spatial-text ; il n'y a pas de géométrie spatial.
api-page-difference-groups = La plateforme n'a pas de groupes : group_list renvoie une liste vide.
api-page-dcat-title = Catalogue DCAT-AP
api-page-dcat-intro = Le catalogue des jeux de données publics est publié en DCAT-AP en Turtle, RDF/XML et JSON-LD, par pages reliées par hydra:next, avec le schéma de chaque fichier (dct:conformsTo).

api-action-status_show = Nom, adresse et version de la plateforme.
api-action-help_show = Résumé d'une action.
api-action-package_list = Noms des jeux de données publics.
api-action-package_search = Recherche par mots, filtres, tri, pagination et facettes.
api-action-package_show = Un jeu de données et ses ressources.
api-action-current_package_list_with_resources = Jeux de données avec leurs ressources, les plus récents d'abord.
api-action-organization_list = Organisations, avec leur nombre de jeux de données (all_fields).
api-action-organization_show = Une organisation, avec ses jeux de données (include_datasets).
api-action-group_list = Toujours vide : pas de groupes.
api-action-tag_list = Mots-clés des jeux de données publics.
api-action-license_list = Licences proposées.
api-action-resource_show = Une ressource.
api-action-package_create = Crée un jeu de données.
api-action-package_update = Remplace un jeu de données.
api-action-package_patch = Modifie les seules clés envoyées d'un jeu de données.
api-action-package_delete = Supprime un jeu de données.
api-action-resource_create = Ajoute un lien ou un fichier, validé ensuite.
api-action-resource_update = Remplace une ressource ; un nouveau fichier est validé à nouveau.
api-action-resource_patch = Modifie les seules clés envoyées d'une ressource.
api-action-resource_delete = Retire une ressource.
api-action-organization_create = Crée une organisation (administrateurs de la plateforme).
api-action-organization_member_create = Ajoute un membre ou change son rôle.
api-action-organization_member_delete = Retire un membre.

## API tokens page

api-tokens-title = Jetons d'API
api-tokens-intro = Un jeton permet à un logiciel de publier en votre nom par l'API CKAN, avec vos droits. Donnez un nom à chaque jeton pour savoir où il sert, et révoquez celui qui n'est plus utilisé.
api-tokens-doc-link = Documentation de l'API
api-tokens-dashboard-link = Jetons d'API
api-tokens-name-label = Nom du jeton
api-tokens-new = Nouveau jeton
api-tokens-create = Créer le jeton
api-tokens-created = Voici votre nouveau jeton :
api-tokens-created-once = Copiez-le maintenant : il ne sera plus affiché. La plateforme n'en garde qu'une empreinte.
api-tokens-list = Vos jetons
api-tokens-created-at = Créé le
api-tokens-last-used = Dernier usage
api-tokens-status = État
api-tokens-never-used = jamais
api-tokens-revoked = révoqué le { $date }
api-tokens-revoke = Révoquer
api-tokens-none = Vous n'avez pas encore de jeton.
api-dataset-archived = Ce jeu de données est archivé : sa source ne le publie plus. Il reste consultable mais n'apparaît plus dans la recherche ni dans les flux.
