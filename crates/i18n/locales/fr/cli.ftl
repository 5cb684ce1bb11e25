# Messages of the socle command line (French).

cli-error-prefix = Erreur :
cli-schema-warning-prefix = Avertissement sur le schéma :
cli-file-unreadable = Le fichier « { $file } » n'a pas pu être validé.
cli-file-unscanned = Le fichier « { $file } » n'a pas pu être analysé.
cli-schema-not-found = Le schéma « { $reference } » est introuvable : ce n'est ni un schéma intégré, ni un fichier existant, ni une adresse web.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
    .hint = Listez les schémas intégrés avec « socle schemas list », ou indiquez le chemin d'un fichier schema.json.
cli-schema-unreadable = Le schéma « { $reference } » n'a pas pu être lu : { $detail }.
    .hint = Vérifiez le chemin du fichier et ses droits de lecture.
cli-schema-too-large = Le schéma « { $reference } » dépasse { $limit } Mo, la taille maximale acceptée.
    .hint = Un schéma Table Schema fait normalement quelques dizaines de Ko : vérifiez qu'il s'agit du bon fichier.
cli-schema-download = Le schéma « { $reference } » n'a pas pu être téléchargé : { $detail }.
    .hint = Vérifiez l'adresse et la connexion, ou téléchargez le fichier puis indiquez son chemin.
cli-schema-invalid = Le schéma « { $reference } » est inutilisable : { $count ->
        [one] { $count } problème
       *[other] { $count } problèmes
    } à corriger.
    .hint = Corrigez le schéma, ou utilisez un schéma intégré (« socle schemas list »).
cli-schema-unusable = Le schéma « { $reference } » est inutilisable ; le fichier n'a pas été validé.
cli-schema-location = à l'emplacement { $pointer }
cli-registry-broken = Le registre de schémas intégré est endommagé : { $detail }.
    .hint = Réinstallez socle ; si le problème persiste, signalez-le.
cli-schemas-heading = { $count } schémas intégrés (nom à utiliser avec --schema, version, titre, nom au registre) :
cli-warning-prefix = Avertissement :
cli-file-open-failed = Le fichier « { $file } » n'a pas pu être ouvert : { $detail }.
    .hint = Vérifiez le chemin du fichier et ses droits de lecture.
cli-file-create-failed = Le fichier « { $file } » n'a pas pu être écrit : { $detail }.
    .hint = Vérifiez que le dossier existe et que vous avez le droit d'y écrire.
cli-totem-no-plans = aucun dossier de plans de comptes n'est indiqué (--plans ou SOCLE_TOTEM_PLANS) : les libellés et les chapitres absents du fichier resteront vides.
cli-totem-written = { $rows ->
        [one] { $rows } ligne écrite
       *[other] { $rows } lignes écrites
    } dans « { $file } ».
cli-privacy-rules-invalid = Les règles de détection sont inutilisables : { $detail }.
    .hint = Corrigez le fichier de règles, ou utilisez des règles intégrées avec --schema.
cli-privacy-key-missing = La clé des pseudonymes est absente ou trop courte : définissez SOCLE_PSEUDONYM_KEY (16 caractères au moins).
    .hint = La même clé donne les mêmes pseudonymes d'une publication à l'autre ; conservez-la en lieu sûr.
cli-privacy-redacted = { $spans } passages masqués dans { $records } lignes ; fichier écrit dans « { $file } », avec le journal du masquage à côté (.redaction.json).
cli-output-not-regular = « { $file } » existe et n'est pas un fichier ordinaire (lien, tube ou périphérique) : il ne sera pas remplacé.
    .hint = Indiquez avec -o le chemin d'un nouveau fichier.
cli-output-is-input = Le fichier de sortie « { $file } » est le fichier d'entrée : il serait écrasé.
    .hint = Indiquez avec -o un autre nom de fichier.
cli-privacy-findings-capped = seules les { $kept } premières données trouvées sont listées, sur { $total }.
cli-totem-plan-name-invalid = La nomenclature « { $norme } » ou la déclinaison « { $declinaison } » n'est pas un nom valide.
    .hint = Utilisez les noms des fichiers TOTEM, par exemple --norme M57 --declinaison M57_P.
cli-totem-plan-download = Le plan de comptes n'a pas pu être téléchargé depuis { $url } : { $detail }.
    .hint = Vérifiez l'année, la nomenclature, la déclinaison et la connexion à Internet.
cli-totem-plan-written = Plan de comptes enregistré dans « { $file } ».

## Pages d'aide (--help)

cli-help-heading-usage = Utilisation :
cli-help-heading-commands = Commandes{" "}
cli-help-heading-arguments = Arguments{" "}
cli-help-heading-options = Options{" "}
cli-help-command-placeholder = COMMANDE
cli-help-default = [par défaut : { $value }]
cli-help-possible = [valeurs : { $values }]
cli-help-env = [variable : { $variable }]
cli-about-help = Affiche l'aide de socle ou d'une de ses commandes.
cli-arg-help = Affiche cette aide.
cli-arg-version = Affiche la version.
cli-arg-lang = Langue des messages et des rapports : fr (par défaut) ou en. Aussi lue dans SOCLE_LANG.
cli-arg-data = Dossier de la base de données et des fichiers déposés.
cli-about-socle = Plateforme de données ouvertes des collectivités : validation, publication, moissonnage.
cli-about-socle-validate = Valide un fichier CSV, TSV, XLSX, XLS ou ODS (éventuellement compressé en gzip) selon un schéma.
cli-arg-socle-validate-file = Fichier à valider : CSV, TSV, XLSX, XLS ou ODS, éventuellement compressé en gzip.
cli-arg-socle-validate-schema = Schéma : un nom intégré (deliberations, scdl/deliberations, dae@1.0.0), un chemin ou une adresse https. Sans schéma, seule la structure du fichier est vérifiée.
cli-arg-socle-validate-format = Format du rapport.
cli-arg-socle-validate-max-errors = Nombre d'erreurs gardées dans le rapport (1 à 100 000) ; la validation s'arrête une fois ce nombre atteint.
cli-arg-socle-validate-ignore-header-case = Associe les noms de colonnes au schéma sans tenir compte des majuscules.
cli-arg-socle-validate-threads = Nombre de fils de calcul (0 : tous les cœurs ; 64 au plus).
cli-arg-socle-validate-sheet = Feuille du classeur à lire (par défaut : la première).
cli-about-socle-schemas = Liste ou affiche les schémas intégrés.
cli-about-socle-schemas-list = Liste les schémas intégrés avec leur version.
cli-arg-socle-schemas-list-json = Écrit du JSON au lieu d'un tableau.
cli-about-socle-schemas-show = Affiche un schéma intégré sous forme de descripteur Table Schema (JSON).
cli-arg-socle-schemas-show-name = Nom au registre, par exemple deliberations ou scdl/deliberations@2.1.5.
cli-about-socle-serve = Lance la plateforme de publication (pages web) à partir d'un dossier de données.
cli-arg-socle-serve-bind = Adresse et port d'écoute (par défaut 127.0.0.1:8080). Aussi lu dans SOCLE_BIND.
cli-arg-socle-serve-data = Dossier de la base de données et des fichiers déposés ; créé s'il n'existe pas.
cli-arg-socle-serve-demo = Remplit une base vide avec un catalogue et un compte de démonstration.
cli-about-socle-admin = Administre le dossier de données d'une plateforme.
cli-about-socle-admin-create-user = Crée un compte ; le mot de passe est lu dans SOCLE_PASSWORD ou sur l'entrée standard.
cli-arg-socle-admin-create-user-email = Adresse électronique utilisée pour se connecter.
cli-arg-socle-admin-create-user-name = Nom affiché dans les pages.
cli-arg-socle-admin-create-user-not-admin = Crée un compte ordinaire au lieu d'un administrateur de la plateforme.
cli-about-socle-admin-set-password = Change le mot de passe d'un compte ; le nouveau est lu dans SOCLE_PASSWORD ou demandé sans affichage.
cli-arg-socle-admin-set-password-email = Adresse électronique du compte.
cli-about-socle-admin-sweep-files = Supprime les fichiers stockés qu'aucune ligne du catalogue ne référence et qui dépassent un âge de sécurité.
cli-arg-socle-admin-sweep-files-dry-run = Liste les fichiers qui seraient supprimés, sans les supprimer.
cli-arg-socle-admin-sweep-files-min-age-minutes = Garde les fichiers non référencés plus récents que ce nombre de minutes (dépôts en cours).
cli-about-socle-privacy = Trouve et masque les données personnelles avant publication.
cli-about-socle-privacy-scan = Cherche les données personnelles d'un fichier (noms de personnes physiques, adresses, courriels, téléphones, NIR, IBAN).
cli-arg-socle-privacy-scan-file = Fichier à analyser : CSV, TSV, XLSX, XLS ou ODS.
cli-arg-socle-privacy-scan-format = Format du rapport.
cli-arg-socle-privacy-scan-schema = Règles à appliquer, par schéma : deliberations, subventions, marches-publics, decp-tabulaire, prenoms ou generic. Sans cette option, les règles sont choisies d'après les colonnes du fichier.
cli-arg-socle-privacy-scan-policy = Fichier JSON de règles, à la place des règles intégrées.
cli-about-socle-privacy-redact = Écrit une copie du fichier où les données personnelles trouvées sont remplacées par des marques ou des pseudonymes.
cli-arg-socle-privacy-redact-file = Fichier à masquer : CSV, TSV, XLSX, XLS ou ODS.
cli-arg-socle-privacy-redact-output = Fichier CSV à écrire (UTF-8, séparé par des virgules). Le journal du masquage est écrit à côté, sous le nom SORTIE.redaction.json.
cli-arg-socle-privacy-redact-schema = { cli-arg-socle-privacy-scan-schema }
cli-arg-socle-privacy-redact-policy = { cli-arg-socle-privacy-scan-policy }
cli-arg-socle-privacy-redact-pseudonym = Remplace chaque passage par un pseudonyme stable au lieu d'une marque ; la clé est lue dans SOCLE_PSEUDONYM_KEY.
cli-arg-socle-privacy-redact-actor = Nom de la personne qui masque, inscrit dans le journal du masquage (par défaut : la variable d'environnement USER).
cli-about-socle-totem = Convertit les fichiers budgétaires TOTEM en CSV budget SCDL.
cli-about-socle-totem-convert = Convertit un fichier budgétaire TOTEM (XML DocumentBudgetaire) en CSV budget SCDL.
cli-arg-socle-totem-convert-input = Fichier XML TOTEM (budget primitif, supplémentaire, décision modificative, compte administratif ou compte financier unique).
cli-arg-socle-totem-convert-output = Fichier CSV à écrire (schéma SCDL budget).
cli-arg-socle-totem-convert-plans = Dossier des plans de comptes (ANNÉE/NORME/DÉCLINAISON/planDeCompte.xml).
cli-arg-socle-totem-convert-siret = SIRET à écrire dans BGT_SIRET à la place de celui du fichier.
cli-about-socle-totem-plans = Gère les plans de comptes utilisés pour les libellés et les chapitres.
cli-about-socle-totem-plans-fetch = Télécharge un plan de comptes depuis son site officiel dans le dossier des plans.
cli-arg-socle-totem-plans-fetch-year = Exercice budgétaire, par exemple 2024.
cli-arg-socle-totem-plans-fetch-norme = Nomenclature (norme), par exemple M57, M14, M4.
cli-arg-socle-totem-plans-fetch-declinaison = Déclinaison, par exemple M57_P ou M14_COM_SUP3500 ; par défaut, la nomenclature.
cli-arg-socle-totem-plans-fetch-plans = Dossier des plans où écrire (ANNÉE/NORME/DÉCLINAISON/planDeCompte.xml).
cli-arg-socle-totem-plans-fetch-base-url = Site d'où les plans sont téléchargés.
cli-about-socle-harvest = Moissonne d'autres catalogues dans la plateforme.
cli-about-socle-harvest-preview = Montre les premières fiches d'un catalogue distant telles qu'elles seraient moissonnées.
cli-arg-socle-harvest-preview-url = Adresse du catalogue : racine d'un site CKAN, fichier ou flux DCAT, racine ou liste de l'API udata, racine ou export DCAT d'un portail Opendatasoft.
cli-arg-socle-harvest-preview-kind = Type de catalogue.
cli-arg-socle-harvest-preview-format = Format de sortie.
cli-arg-socle-harvest-preview-organization = Organisation distante à lire (nom d'organisation CKAN, identifiant d'organisation udata, éditeur Opendatasoft).
cli-arg-socle-harvest-preview-tags = Mot-clé que chaque jeu de données doit porter ; répétez l'option pour en exiger plusieurs.
cli-arg-socle-harvest-preview-query = Requête distante (q de CKAN ou d'udata, clause where d'Opendatasoft).
cli-arg-socle-harvest-preview-allow-private = Autorise la boucle locale et les réseaux privés (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), pour un catalogue sur cette machine ou l'intranet.
cli-arg-socle-harvest-preview-allow = Réseaux (CIDR) ou noms d'hôtes autorisés bien que non publics, séparés par des virgules.
cli-about-socle-harvest-run = Lance une moisson d'une source de la plateforme et affiche son résultat.
cli-arg-socle-harvest-run-source = Identifiant de la source de moissonnage, tel qu'il figure dans l'adresse de sa page (/moissonnage/sources/ID).

## Erreurs dans les arguments de la commande

cli-usage-more = Pour l'aide : { $command } --help
cli-usage-invalid-value = La valeur « { $value } » n'est pas acceptée pour { $arg } ; valeurs possibles : { $valid }.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
cli-usage-value-rejected = La valeur « { $value } » n'est pas valide pour { $arg } : { $expected ->
        [max-errors] indiquez un nombre entier de 1 à 100 000.
        [threads] indiquez un nombre entier de 0 (tous les cœurs) à 64.
        [year] indiquez une année de 2000 à 2100.
        [min-age-minutes] indiquez un nombre entier de minutes, 1 au moins.
        [bind] indiquez une adresse IP et un port, par exemple 127.0.0.1:8080.
       *[other] consultez l'aide de la commande pour la forme attendue.
    }
cli-usage-unknown-argument = L'argument « { $arg } » est inattendu.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
cli-usage-unknown-subcommand = La commande « { $name } » n'existe pas.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
cli-usage-missing-argument = Argument obligatoire manquant : { $arg }.
cli-usage-missing-subcommand = Une commande est attendue ici : { $valid }.
cli-usage-conflict = { $arg } ne peut pas être utilisé avec { $other } : choisissez l'un des deux.
cli-usage-no-equals = { $arg } attend sa valeur après un signe « = », par exemple { $arg }=VALEUR.
cli-usage-value-count = Nombre de valeurs incorrect pour { $arg }.
cli-usage-not-utf8 = Un argument n'est pas du texte UTF-8 valide.
cli-usage-invalid = Les arguments de la commande sont invalides.

## Échecs du système (fichiers, réseau, HTTP)

cli-io-failure = { $kind ->
        [not-found] fichier ou dossier introuvable
        [permission-denied] accès refusé (droits insuffisants)
        [already-exists] le fichier existe déjà
        [is-a-directory] c'est un dossier, pas un fichier
        [not-a-directory] un élément du chemin n'est pas un dossier
        [directory-not-empty] le dossier n'est pas vide
        [storage-full] plus de place sur le disque
        [read-only] le système de fichiers est en lecture seule
        [file-too-large] le fichier est trop gros
        [invalid-data] le contenu est invalide
        [unexpected-eof] le fichier s'arrête avant la fin attendue
        [timed-out] délai dépassé
        [interrupted] opération interrompue
        [address-in-use] l'adresse est déjà utilisée
        [address-not-available] l'adresse n'appartient pas à cette machine
        [connection-refused] connexion refusée
        [connection-reset] connexion coupée par l'autre machine
        [unreachable] réseau ou machine injoignable
        [out-of-memory] mémoire insuffisante
       *[other] erreur du système{ $code ->
            [none] {""}
           *[other] {" "}(code { $code })
        }
    }
cli-http-failure = { $kind ->
        [forbidden] le serveur refuse l'accès (statut HTTP { $status })
        [not-found] aucune ressource à cette adresse (statut HTTP { $status })
        [too-many-requests] le serveur limite le nombre de requêtes (statut HTTP 429) ; réessayez plus tard
        [client-error] le serveur rejette la requête (statut HTTP { $status })
        [server-error] le serveur est en erreur (statut HTTP { $status }) ; réessayez plus tard
        [timed-out] le serveur n'a pas répondu à temps
        [host-not-found] nom de serveur introuvable
        [connection-failed] connexion au serveur impossible
        [redirects] trop de redirections, ou redirection invalide
        [bad-address] adresse web invalide
        [too-large] la réponse est trop grosse
        [tls] la connexion sécurisée (TLS) a échoué
       *[other] le serveur a envoyé une réponse HTTP invalide
    }
cli-totem-plan-too-large = le fichier téléchargé dépasse { $limit } octets
cli-totem-plan-empty = le fichier téléchargé ne contient aucun compte
cli-policy-not-regular = ce n'est pas un fichier ordinaire
cli-policy-too-large = le fichier dépasse { $limit } octets
cli-serve-port-busy = Le port { $port } de { $address } est déjà utilisé par un autre programme.
    .hint = Arrêtez l'autre serveur, ou choisissez un autre port avec --bind { $ip }:{ $next }.
cli-serve-bind-failed = Le serveur n'a pas pu écouter sur { $address } : { $detail }.
    .hint = Choisissez une autre adresse avec --bind (par exemple --bind 127.0.0.1:8080).
cli-data-unusable = Le dossier de données « { $data } » est inutilisable : { $detail }.
    .hint = Vérifiez le chemin donné par --data (ou SOCLE_DATA) et ses droits d'écriture.
cli-totem-plans-dir-missing = Le dossier des plans de comptes « { $path } » est illisible : { $detail }.
    .hint = Vérifiez le chemin donné par --plans (ou SOCLE_TOTEM_PLANS), ou téléchargez un plan avec « socle totem plans fetch ».

## Changement de mot de passe

cli-serve-data-parent-missing = Le dossier « { $parent } » n'existe pas : le dossier de données ne peut pas y être créé.
    .hint = Vérifiez le chemin donné à --data (ou SOCLE_DATA), ou créez d'abord ce dossier.
cli-admin-no-database = Aucune base de données dans « { $data } » : ce dossier n'est pas celui d'une plateforme socle.
    .hint = Indiquez le dossier de données avec --data (ou SOCLE_DATA).
cli-admin-user-not-found = Aucun compte n'a l'adresse « { $email } ».
    .hint = Vérifiez l'adresse ; « socle admin create-user » crée un compte.
cli-admin-password-prompt = Nouveau mot de passe pour { $email } (10 caractères au moins) :{" "}
cli-admin-password-confirm = Confirmez le mot de passe :{" "}
cli-admin-password-mismatch = Les deux mots de passe saisis diffèrent ; le mot de passe n'a pas été changé.
cli-admin-password-unreadable = Le mot de passe n'a pas pu être lu : { $detail }.
    .hint = Sans terminal, donnez le mot de passe dans la variable SOCLE_PASSWORD.
cli-admin-password-failed = Le mot de passe n'a pas pu être changé : { $error }
cli-admin-password-set = Mot de passe changé pour { $email } ; ses sessions ouvertes ont été fermées.
cli-config-read = le fichier de configuration { $path } est illisible ({ $detail })
cli-config-parse = le fichier de configuration { $path } est invalide{ $line ->
        [none] {""}
       *[other] {" "}ligne { $line }
    } ({ $detail }). Vérifiez l'écriture TOML : texte entre guillemets, nombres et true ou false sans guillemets, tables entre crochets comme {"["}harvest].
cli-config-value = dans le fichier de configuration { $path }, la valeur de « { $key } »{ $line ->
        [none] {""}
       *[other] {" "}(ligne { $line })
    } est invalide ({ $detail }). Forme attendue : { $key ->
        [bind] une adresse et un port entre guillemets, par exemple bind = "127.0.0.1:8080"
        [public_url] une adresse http ou https complète entre guillemets, par exemple public_url = "https://donnees.example.fr"
        [max_upload_bytes] un nombre d'octets sans guillemets, par exemple max_upload_bytes = 1073741824
        [secure_cookies] true ou false sans guillemets
        [session_seconds] un nombre de secondes sans guillemets, par exemple session_seconds = 43200
        [smtp_url] une adresse smtp:// ou smtps:// entre guillemets
        [mail_from] une adresse électronique entre guillemets
        [fetch_allow] une liste comme fetch_allow = {"["}"10.0.0.0/8", "intranet.example"], ou le texte "10.0.0.0/8, intranet.example"
        [allow] une liste comme allow = {"["}"127.0.0.1/32", "intranet.example"], ou le texte "127.0.0.1/32, intranet.example"
        [fetch_timeout_seconds] un nombre de secondes sans guillemets, de 1 à 3600
        [grace_days] un nombre de jours sans guillemets, par exemple grace_days = 7
        [workers] un nombre de tâches sans guillemets, de 1 à 16
        [page_size] un nombre de fiches par page sans guillemets, de 1 à 1000
        [harvest] une table {"["}harvest] suivie de ses clés, une par ligne
       *[other] un chemin de dossier entre guillemets
    }.
cli-config-out-of-range = { $key } vaut { $value }, alors que la valeur doit être comprise entre { $min } et { $max }{ $key ->
        [session_seconds] {" "}secondes (de 5 minutes à 30 jours)
        [max_upload_bytes] {" "}octets
        [fetch_timeout_seconds] {" "}secondes
        [grace_days] {" "}jours
       *[other] {""}
    }. Corrigez-la { $key ->
        [workers] dans la table {"["}harvest] de socle.toml
        [page_size] dans la table {"["}harvest] de socle.toml
        [grace_days] dans la table {"["}harvest] de socle.toml
        [session_seconds] dans socle.toml
        [max_upload_bytes] dans socle.toml ou dans la variable d'environnement SOCLE_MAX_UPLOAD_BYTES
        [fetch_timeout_seconds] dans socle.toml ou dans la variable d'environnement SOCLE_FETCH_TIMEOUT_SECONDS
       *[other] dans socle.toml
    }.
cli-config-unknown-key = le fichier de configuration { $path } contient la clé inconnue « { $key } »{ $table ->
        [top] {""}
       *[other] {" "}dans la table {"["}{ $table }]
    }. Clés acceptées : { $known }.
cli-config-allow-entry = { $setting ->
        [fetch] l'entrée « { $entry } » de fetch_allow (ou SOCLE_FETCH_ALLOW)
       *[other] l'entrée « { $entry } » de allow dans la table {"["}harvest]
    } n'est ni un réseau CIDR, ni une adresse, ni un nom d'hôte. Exemple : { $setting ->
        [fetch] fetch_allow = {"["}"10.0.0.0/8", "127.0.0.1/32", "intranet.example"]
       *[other] allow = "10.0.0.0/8, 127.0.0.1/32, intranet.example"
    }
cli-config-env = la variable d'environnement { $name } vaut « { $value } », alors qu'elle doit contenir { $name ->
        [SOCLE_BIND] une adresse et un port, par exemple 127.0.0.1:8080
        [SOCLE_MAX_UPLOAD_BYTES] un nombre d'octets
        [SOCLE_SECURE_COOKIES] true ou false
        [SOCLE_PUBLIC_URL] une adresse http ou https complète, par exemple https://donnees.example.fr
        [SOCLE_FETCH_TIMEOUT_SECONDS] un nombre de secondes supérieur à zéro, par exemple 60
       *[other] { $expected }
    }

## Validation d'un classeur

cli-validate-other-sheets = La feuille lue est « { $read } ». { $count ->
        [one] Le classeur contient aussi la feuille { $others }
       *[other] Le classeur contient aussi les feuilles { $others }
    } : pour la valider, relancez la commande avec --sheet NOM, par exemple --sheet "{ $example }".
